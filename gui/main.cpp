// discolab-gui: explore a scenario, compare the patterns as `discolab run` children and watch
// their figures stream in; open a results folder to see its charts (docs/gui.md).
//
//   discolab-gui [--discolab PATH] [--scenarios DIR] [--results DIR] [--lesson ID]
//                [SCENARIO|RESULTS_FOLDER]
//
// The command line is read before any window exists, so --help and --version work without a
// display.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <cstdio>

#include "gui/widgets/main_window.h"
#include "sim/version.h"

int main(int argc, char* argv[]) {
  discolab::gui::MainWindowOptions options;
  QString path;
  QString lesson;
  {
    QCoreApplication pre(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("discolab-gui"));
    QCoreApplication::setApplicationVersion(QString::fromUtf8(discolab::kVersion));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "discolab's GUI: edit a scenario, compare service-discovery patterns as `discolab run` "
        "child processes and watch their figures stream in, or open a results folder."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption discolab_option(
        QStringLiteral("discolab"),
        QStringLiteral("The discolab program the runs use (default: $DISCOLAB_BINARY, else the "
                       "one next to discolab-gui, else on PATH)."),
        QStringLiteral("PATH"));
    const QCommandLineOption scenarios_option(
        QStringLiteral("scenarios"),
        QStringLiteral("The scenario library (default: ./scenarios, or one above the program)."),
        QStringLiteral("DIR"));
    const QCommandLineOption results_option(QStringLiteral("results"),
                                            QStringLiteral("Where runs write (default: results)."),
                                            QStringLiteral("DIR"), QStringLiteral("results"));
    const QCommandLineOption lesson_option(
        QStringLiteral("lesson"),
        QStringLiteral("Open a guided lesson of the Lessons menu, by its id in "
                       "scenarios/lessons/lessons.yaml (dns-slow-to-adapt, lb-failure, …)."),
        QStringLiteral("ID"));
    parser.addOptions({discolab_option, scenarios_option, results_option, lesson_option});
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QStringLiteral("A scenario file (YAML) or a results folder (a "
                                                "run's or a comparison's) to open."),
                                 QStringLiteral("[SCENARIO|RESULTS_FOLDER]"));
    parser.process(pre);  // --help, --version and bad options print and exit here
    if (parser.positionalArguments().size() + (parser.isSet(lesson_option) ? 1 : 0) > 1) {
      std::fputs("discolab-gui: give at most one scenario, results folder or lesson\n", stderr);
      return 2;
    }
    lesson = parser.value(lesson_option);
    options.discolab = parser.value(discolab_option);
    options.scenariosDir = parser.value(scenarios_option);
    options.resultsRoot = parser.value(results_option);
    if (!parser.positionalArguments().isEmpty()) path = parser.positionalArguments().front();
  }

  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("discolab-gui"));
  QApplication::setApplicationVersion(QString::fromUtf8(discolab::kVersion));
  discolab::gui::MainWindow window(options);
  window.resize(1400, 860);
  if (!lesson.isEmpty()) {
    window.show();  // first: the lesson sizes its dock and scrolls its parameter into view
    if (!window.openLesson(lesson))
      std::fprintf(stderr, "discolab-gui: %s\n", qPrintable(window.statusText()));
  } else if (path.isEmpty()) {
    const QString quickstart = discolab::gui::find_scenarios_dir(options.scenariosDir) +
                               QStringLiteral("/quickstart.yaml");
    if (QFileInfo::exists(quickstart)) window.openPath(quickstart);
  } else if (!window.openPath(path)) {
    std::fprintf(stderr, "discolab-gui: %s\n", qPrintable(window.statusText()));
  }
  window.show();
  return QApplication::exec();
}

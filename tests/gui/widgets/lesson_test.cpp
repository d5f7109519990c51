// The explanation panel and the Lessons menu, offscreen: a lesson's action opens its scenario,
// checks its patterns, shows its text, marks its parameter and shows its chart; the lesson is
// then run through discolab children and the window saved as gui-screenshots/lesson.png.
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QDir>
#include <QLineSeries>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <catch2/catch.hpp>
#include <cstdio>

#include "gui/models/lesson_catalog.h"
#include "gui/models/scenario_model.h"
#include "gui/widgets/explanation_dock.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/time_chart.h"

using namespace discolab::gui;

namespace {

MainWindowOptions lesson_options(const QTemporaryDir& results) {
  MainWindowOptions o;
  o.discolab = QStringLiteral(DISCOLAB_BINARY);
  o.scenariosDir = QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios");
  o.resultsRoot = results.path();
  return o;
}

QAction* lesson_action(const MainWindow& w, const QString& id) {
  for (QAction* a : w.lessonsMenu()->actions())
    if (a->data().toString() == id) return a;
  return nullptr;
}

// The timeline chart drawing `figure`, or nullptr.
TimeChart* chart_of(const MainWindow& w, const QString& figure) {
  for (TimeChart* c : w.timeCharts())
    if (c->keys().contains(figure)) return c;
  return nullptr;
}

void save_screenshot(QWidget& w, const QString& name) {
  const QString dir = QStringLiteral(DISCOLAB_BUILD_DIR "/gui-screenshots");
  QDir().mkpath(dir);
  REQUIRE(w.grab().save(dir + QLatin1Char('/') + name, "PNG"));
  std::printf("screenshot: %s/%s\n", qPrintable(dir), qPrintable(name));
}

}  // namespace

TEST_CASE("the explanation panel shows the pattern whose check box was clicked") {
  QTemporaryDir results;
  MainWindow w(lesson_options(results));
  w.resize(1600, 900);
  w.show();
  REQUIRE(w.explanation() != nullptr);
  CHECK(w.explanation()->isHidden());  // until asked for: the charts keep the width
  CHECK(w.explanation()->currentDoc() == "docs/patterns/client-side.md");
  for (QCheckBox* box : w.findChildren<QCheckBox*>()) {
    if (box->text() != "per-host-proxy") continue;
    box->click();
  }
  CHECK(w.explanation()->currentDoc() == "docs/patterns/per-host-proxy.md");
  CHECK(w.explanation()->isHidden());  // a click shows the pattern, not the dock
  const QString text = w.explanation()->browser()->toPlainText();
  CHECK(text.contains("Real systems that use it"));
  CHECK(text.contains("Trade-offs"));
  CHECK(text.contains("kube-proxy"));
  // A link to another doc opens in the panel.
  emit w.explanation()->browser()->anchorClicked(QUrl("central-lb.md"));
  CHECK(w.explanation()->currentDoc() == "docs/patterns/central-lb.md");
  emit w.explanation()->browser()->anchorClicked(QUrl("../building-blocks/upstream.md"));
  CHECK(w.explanation()->currentDoc() == "docs/building-blocks/upstream.md");
  // View → Explain (F1) shows it.
  QAction* toggle = nullptr;
  for (QAction* a : w.findChildren<QAction*>())
    if (a->shortcut() == QKeySequence(QKeySequence::HelpContents)) toggle = a;
  REQUIRE(toggle != nullptr);
  toggle->trigger();
  CHECK(w.explanation()->isVisible());
  CHECK(toggle->isChecked());
  w.explanation()->showPattern("dns");
  QApplication::processEvents();
  save_screenshot(w, "explain.png");
  toggle->trigger();
  CHECK(w.explanation()->isHidden());
}

TEST_CASE("every lesson of the menu opens with its parameter marked and its chart shown") {
  QTemporaryDir results;
  MainWindow w(lesson_options(results));
  w.resize(1400, 860);
  w.show();
  REQUIRE(w.lessonsMenu()->actions().size() == w.lessons()->rowCount());
  REQUIRE(w.lessons()->rowCount() >= 5);
  for (int row = 0; row < w.lessons()->rowCount(); ++row) {
    const Lesson& lesson = w.lessons()->lesson(row);
    INFO(lesson.id.toStdString());
    QAction* action = lesson_action(w, lesson.id);
    REQUIRE(action != nullptr);
    CHECK(action->text() == lesson.title);
    action->trigger();
    CHECK(w.explanation()->isVisible());
    CHECK(w.scenarioModel()->sourcePath() == lesson.scenario);
    CHECK(w.scenarioModel()->isValid());
    CHECK(w.checkedPatterns() == lesson.compare);
    CHECK(w.explanation()->currentDoc() == lesson.doc);
    CHECK(w.explanation()->browser()->toPlainText().simplified().contains(
        lesson.question.simplified()));
    CHECK(w.parameterPanel()->highlighted() == lesson.parameter);
    QWidget* editor = w.parameterPanel()->editor(lesson.parameter);
    REQUIRE(editor != nullptr);
    QApplication::processEvents();
    CHECK_FALSE(editor->visibleRegion().isEmpty());  // scrolled into view
    TimeChart* chart = chart_of(w, lesson.chart);
    REQUIRE(chart != nullptr);
    CHECK(w.views()->currentWidget()->isAncestorOf(chart));
    CHECK(chart->chart()->backgroundPen().width() == 4);
    for (TimeChart* other : w.timeCharts())
      if (other != chart) CHECK(other->chart()->backgroundPen().width() != 4);
  }
  CHECK_FALSE(w.openLesson("no-such-lesson"));
  // The picker lists the lessons' scenarios but not their index, which is no scenario.
  const QStringList files = scenario_files(QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios"));
  CHECK(files.contains("lessons/dns-slow-to-adapt.yaml"));
  CHECK_FALSE(files.contains("lessons/lessons.yaml"));
  // Nor sweeps or presets, which are not scenarios either.
  CHECK(files.contains("quickstart.yaml"));
  for (const QString& f : files) {
    INFO(f.toStdString());
    CHECK_FALSE(f.startsWith("sweeps/"));
    CHECK_FALSE(f.startsWith("presets/"));
  }
}

TEST_CASE("a lesson runs from its menu and the window is saved as lesson.png") {
  QTemporaryDir results;
  MainWindow w(lesson_options(results));
  w.resize(1600, 900);
  w.show();
  QAction* action = lesson_action(w, "dns-slow-to-adapt");
  REQUIRE(action != nullptr);
  action->trigger();
  REQUIRE(w.scenarioModel()->scenarioName() == "dns-slow-to-adapt");
  QSignalSpy finished(&w, &MainWindow::runFinished);
  QString error;
  REQUIRE(w.startRun(&error));
  REQUIRE(finished.wait(180000));
  REQUIRE(finished.first().at(0).toBool());
  for (TimeChart* c : w.timeCharts()) c->refresh();
  TimeChart* chart = chart_of(w, "stale_route_rate");
  REQUIRE(chart != nullptr);
  REQUIRE(chart->line("dns", "stale_route_rate") != nullptr);
  CHECK(chart->line("dns", "stale_route_rate")->count() > 0);
  w.views()->setCurrentIndex(0);
  QApplication::processEvents();
  save_screenshot(w, "lesson.png");
}

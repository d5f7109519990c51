// discolab-gui: the window the GUI work grows from. Today it shows an empty latency chart and
// says how to run a scenario; later it starts `discolab run --progress jsonl` children.
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QVBoxLayout>

#include "sim/version.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("discolab");
  QApplication::setApplicationVersion(discolab::kVersion);

  auto* chart = new QChart();
  chart->setTitle("Latency p99 (ms) per simulated second");
  chart->addSeries(new QLineSeries());
  chart->createDefaultAxes();

  auto* central = new QWidget();
  auto* layout = new QVBoxLayout(central);
  layout->addWidget(new QLabel(QStringLiteral("discolab %1 — run a scenario with: discolab run scenarios/quickstart.yaml")
                                   .arg(discolab::kVersion)));
  layout->addWidget(new QChartView(chart));

  QMainWindow window;
  window.setWindowTitle("discolab");
  window.setCentralWidget(central);
  window.resize(900, 600);
  window.show();
  return QApplication::exec();
}

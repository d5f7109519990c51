// The main window, offscreen: quickstart compared through discolab children with every pattern,
// the charts checked for a line per pattern with data, screenshots of the main views saved in
// the build folder (gui-screenshots/), and the longest event-loop stall while the runs stream
// measured and printed (not asserted: timing bounds belong in benchmarks; docs/gui.md).
#include "gui/widgets/main_window.h"

#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineSeries>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <catch2/catch.hpp>
#include <cstdio>

#include "gui/models/cluster_replay_model.h"
#include "gui/models/scenario_model.h"
#include "gui/models/summary_model.h"
#include "gui/models/time_series_model.h"
#include "gui/widgets/cluster_canvas.h"
#include "gui/widgets/cluster_view.h"
#include "gui/widgets/churn_markers.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/summary_chart.h"
#include "gui/widgets/time_chart.h"
#include "gui/widgets/timeline_view.h"
#include "gui/widgets/yaml_editor.h"

using namespace discolab::gui;

namespace {

const QString kScenarios = QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios");
const QStringList kAll{"client-side", "dns", "central-lb", "per-host-proxy", "api-gateway"};

MainWindowOptions options(const QTemporaryDir& results) {
  MainWindowOptions o;
  o.discolab = QStringLiteral(DISCOLAB_BINARY);
  o.scenariosDir = kScenarios;
  o.resultsRoot = results.path();
  return o;
}

QString screenshot_dir() {
  const QString dir = QStringLiteral(DISCOLAB_BUILD_DIR "/gui-screenshots");
  QDir().mkpath(dir);
  return dir;
}

void save_view(MainWindow& w, int tab, int scenario_tab, const QString& name) {
  w.views()->setCurrentIndex(tab);
  w.scenarioTabs()->setCurrentIndex(scenario_tab);
  QApplication::processEvents();
  const QString path = screenshot_dir() + QLatin1Char('/') + name;
  REQUIRE(w.grab().save(path, "PNG"));
  std::printf("screenshot: %s\n", qPrintable(path));
}

// Every time chart has a line with points for each pattern and each of its figures, and the
// churn markers (quickstart's crashes in its first 3 minutes).
void check_charts(const MainWindow& w, const QStringList& patterns) {
  REQUIRE(w.timeCharts().size() == 6);
  CHECK(w.timeCharts().contains(w.timeline()->failuresByCause()));
  CHECK(w.timeline()->failuresByCause()->keys().front().startsWith("failed_"));
  for (TimeChart* chart : w.timeCharts()) {
    chart->refresh();
    INFO(chart->title().toStdString());
    CHECK(chart->markers()->count() > 0);
    CHECK(chart->markers()->count() == w.timeSeriesModel()->churn().size());
    for (const QString& p : patterns)
      for (const QString& key : chart->keys()) {
        INFO(chart->title().toStdString()
             << " / " << p.toStdString() << " / " << key.toStdString());
        QLineSeries* line = chart->line(p, key);
        REQUIRE(line != nullptr);
        CHECK(line->count() > 0);
      }
  }
  CHECK(w.summaryChart()->barPatterns() == patterns);
}

// The Cluster tab replays each run of the comparison: its hosts, and containers on them.
void check_cluster(MainWindow& w, const QStringList& patterns) {
  ClusterView* cluster = w.clusterView();
  REQUIRE(cluster != nullptr);
  CHECK(w.views()->tabText(2) == "Cluster");
  REQUIRE(cluster->runs().size() == patterns.size());
  for (const QString& p : patterns) {
    INFO(p.toStdString());
    REQUIRE(cluster->selectRun(p + "-seed1"));
    ClusterReplayModel* model = cluster->model();
    CHECK(model->topology().pattern == p);
    CHECK(model->topology().hosts.size() == 8);  // quickstart: 2 racks × 4 hosts
    cluster->setTime(100.0);
    std::size_t containers = 0;
    for (int h = 0; h < 8; ++h) containers += model->containersOn(h).size();
    // 12 web + 10 api + 8 db, but for crashed ones not yet replaced (10 s restart delay).
    CHECK(containers > 20);
    CHECK(model->rowCount() == 2);  // racks
  }
}

// The Cluster tab's screenshot: client-side, whose callers poll the registry every 15 s, at the
// first instant (from 30 s) its selected caller's view lists an instance that is not ready: the
// stale routes drawn in red. Returns how many there are (0 if the run had none; t = 100 s).
std::size_t show_stale_routes(MainWindow& w) {
  ClusterView* cluster = w.clusterView();
  REQUIRE(cluster->selectRun("client-side-seed1"));
  ClusterReplayModel* model = cluster->model();
  REQUIRE(!model->topology().callers.empty());
  // The view's default caller: one on a host without components, so its path crosses hosts.
  const TopologyCaller caller =
      model->topology().callers.at(static_cast<std::size_t>(cluster->canvas()->caller()));
  for (double t = 30.0; t < model->endTime(); t += 0.5) {
    cluster->setTime(t);
    const auto view = model->view(caller.view, caller.target);
    if (view && !view->stale.empty()) {
      std::printf("cluster view: client-side at t = %.1f s, %zu stale route(s)\n", t,
                  view->stale.size());
      return view->stale.size();
    }
  }
  cluster->setTime(100.0);
  return 0;
}

}  // namespace

TEST_CASE("discolab-gui --help and --version print and exit without a display") {
  for (const auto& [arg, expected] :
       {std::pair{"--help", "Usage:"}, std::pair{"--version", "discolab-gui "}}) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DISCOLAB_GUI_BINARY), {QString::fromLatin1(arg)});
    REQUIRE(process.waitForFinished(20000));
    CHECK(process.exitStatus() == QProcess::NormalExit);
    CHECK(process.exitCode() == 0);
    CHECK(QString::fromUtf8(process.readAllStandardOutput()).contains(QLatin1String(expected)));
  }
}

TEST_CASE("the window compares quickstart's patterns through child processes, offscreen") {
  QTemporaryDir results;
  MainWindow w(options(results));
  w.resize(1400, 900);
  w.show();
  REQUIRE(w.openPath(kScenarios + "/quickstart.yaml"));
  REQUIRE(w.scenarioModel()->isValid());
  // 3 simulated minutes instead of 10 keep the test short on a loaded machine.
  REQUIRE(w.scenarioModel()->setValue("duration", 180.0));
  w.setCheckedPatterns(kAll);
  save_view(w, 0, 0, "parameters.png");

  QSignalSpy finished(&w, &MainWindow::runFinished);
  // The event loop's longest pause while the runs stream: a 10 ms timer notes its largest gap.
  QElapsedTimer clock;
  qint64 last = 0, longest = 0;
  QTimer tick;
  tick.setInterval(10);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.elapsed();
    longest = std::max(longest, now - last);
    last = now;
  });
  QString error;
  REQUIRE(w.startRun(&error));
  clock.start();
  tick.start();
  REQUIRE(finished.wait(180000));
  tick.stop();
  const qint64 wall = clock.elapsed();
  REQUIRE(finished.first().at(0).toBool());
  std::printf("event loop: longest stall %lld ms over %lld ms of streaming (%d runs)\n",
              static_cast<long long>(longest), static_cast<long long>(wall), 5);
  std::fflush(stdout);

  check_charts(w, kAll);
  save_view(w, 0, 0, "timeline.png");
  save_view(w, 1, 1, "summary.png");
  check_cluster(w, kAll);
  const std::size_t stale = show_stale_routes(w);
  save_view(w, 2, 0, "cluster.png");
  CHECK(w.clusterView()->canvas()->drawnContainers() > 20);
  CHECK(w.clusterView()->canvas()->drawnStaleRoutes() == static_cast<int>(stale));

  // One client group: the request charts show its lines, the views' charts all requests'.
  TimelineView* timeline = w.timeline();
  REQUIRE(timeline->selectSlice(QStringLiteral("users → web")));
  for (TimeChart* chart : w.timeCharts()) {
    const bool per_group = chart->keys().front() != "stale_view_fraction" &&
                           !chart->keys().front().startsWith("propagation");
    CHECK(chart->shownSlice() == (per_group ? QString("users → web") : QString()));
    CHECK(chart->chart()->title().contains(per_group ? "users → web" : "all views"));
  }
  TimeChart* latency_chart = w.timeCharts()[3];
  for (const QString& p : kAll) CHECK(latency_chart->line(p, "latency_p99_ms")->count() > 0);
  // The markers' hover text names what happened.
  const auto& first = w.timeSeriesModel()->churn().front();
  ChurnMarkers* markers = latency_chart->markers();
  const qreal x = latency_chart->chart()
                      ->mapToPosition(QPointF(first.event.t_s, 0),
                                      latency_chart->line(kAll.front(), "latency_p99_ms"))
                      .x();
  CHECK(markers->textAt(x).contains(first.event.kind));
  save_view(w, 0, 0, "timeline-users.png");
  REQUIRE(timeline->selectSlice(QString()));

  // Exports: PNG, SVG and CSV of a chart.
  TimeChart* latency = w.timeCharts()[3];
  QTemporaryDir out;
  REQUIRE(latency->exportPng(out.filePath("latency.png")));
  REQUIRE(latency->exportSvg(out.filePath("latency.svg")));
  REQUIRE(latency->exportCsv(out.filePath("latency.csv")));
  QFile svg(out.filePath("latency.svg"));
  REQUIRE(svg.open(QIODevice::ReadOnly));
  CHECK(svg.readAll().contains("<svg"));
  QFile csv(out.filePath("latency.csv"));
  REQUIRE(csv.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = csv.readAll().split('\n');
  CHECK(lines.front() == "pattern,figure,t_s,value");
  CHECK(lines.size() > 5 * 2 * 100);  // 5 patterns × p99 and p50 × 3 min of 1 s intervals
  REQUIRE(w.summaryChart()->exportCsv(out.filePath("summary.csv")));

  // The folder the run wrote opens in a new window with the same lines.
  const QString folder =
      QDir(results.path() + "/quickstart").entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
  REQUIRE(folder.startsWith("compare-fast-1seeds"));
  MainWindow reopened(options(results));
  reopened.resize(1400, 900);
  reopened.show();
  REQUIRE(reopened.openPath(results.path() + "/quickstart/" + folder));
  CHECK(reopened.checkedPatterns() == kAll);
  check_charts(reopened, kAll);
  CHECK(reopened.timeSeriesModel()->rowCount() == w.timeSeriesModel()->rowCount());
  CHECK(reopened.clusterView()->runs().size() == kAll.size());
  // The same client groups and disruptions, read from the files instead of the streams.
  CHECK(reopened.timeSeriesModel()->slices() == w.timeSeriesModel()->slices());
  CHECK(reopened.timeSeriesModel()->churn().size() == w.timeSeriesModel()->churn().size());
}

TEST_CASE("parameters and YAML stay in sync both ways, with errors shown inline") {
  QTemporaryDir results;
  MainWindow w(options(results));
  w.resize(1400, 900);
  w.show();
  REQUIRE(w.openPath(kScenarios + "/quickstart.yaml"));
  auto* panel = w.findChild<ParameterPanel*>();
  auto* yaml = w.findChild<YamlEditor*>();
  REQUIRE(panel != nullptr);
  REQUIRE(yaml != nullptr);
  auto* replicas = qobject_cast<QSpinBox*>(panel->editor("services.db.replicas"));
  REQUIRE(replicas != nullptr);
  CHECK(replicas->value() == 8);
  replicas->setValue(5);  // panel → model → YAML
  CHECK(yaml->editor()->toPlainText().contains("  - name: db\n    replicas: 5\n"));
  auto* ttl = qobject_cast<QDoubleSpinBox*>(panel->editor("patterns.dns.dns.server.ttl"));
  REQUIRE(ttl != nullptr);
  QString text = yaml->editor()->toPlainText();
  text.replace("server: {ttl: 5s}", "server: {ttl: 30s}");
  yaml->editor()->setPlainText(text);  // YAML → model → panel
  yaml->commit();
  CHECK(ttl->value() == 30.0);
  text.replace("ttl: 30s", "ttl: soon");
  yaml->editor()->setPlainText(text);
  yaml->commit();
  REQUIRE_FALSE(w.scenarioModel()->isValid());
  CHECK(yaml->editor()->extraSelections().size() == 1);
  REQUIRE(yaml->issueList()->count() == 1);
  CHECK(yaml->issueList()->item(0)->text().contains("patterns.dns.dns.server.ttl"));
  CHECK(ttl->value() == 30.0);  // the last valid value stays
  QString why;
  CHECK_FALSE(w.startRun(&why));
  CHECK(why.contains("ttl"));
  save_view(w, 0, 1, "yaml-error.png");
}

TEST_CASE("opening something that is not a scenario or a results folder says why") {
  QTemporaryDir results;
  MainWindow w(options(results));
  CHECK_FALSE(w.openPath(results.path()));
  CHECK(w.statusText().contains("not a results folder"));
  CHECK_FALSE(w.openPath(results.path() + "/missing.yaml"));
  CHECK(w.statusText().contains("missing.yaml"));
}

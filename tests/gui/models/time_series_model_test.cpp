#include "gui/models/time_series_model.h"

#include <QAbstractListModel>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

#include "gui/models/results_reader.h"
#include "tests/gui/model_tester.h"

using discolab::gui::TimeSeriesModel;
using discolab::gui::testing::ModelCheck;

namespace {

QVariantMap interval(double t, double p99, double failed, double completed) {
  return {{"t_s", t},
          {"latency_p99_ms", p99},
          {"failed_per_s", failed},
          {"completed_per_s", completed},
          {"stale_view_fraction", QVariant()}};
}

// A model that breaks a rule, to show the check catches it.
class NegativeRows : public QAbstractListModel {
 public:
  int rowCount(const QModelIndex& = {}) const override { return -1; }
  QVariant data(const QModelIndex&, int) const override { return {}; }
};

}  // namespace

TEST_CASE("the model check reports a model that breaks the rules") {
  NegativeRows broken;
  ModelCheck check(&broken);
  CHECK_FALSE(ModelCheck::failures().isEmpty());
}

TEST_CASE("the time series model holds the timeseries block's figures, a row per interval") {
  TimeSeriesModel model;
  ModelCheck check(&model);
  const int p99 = model.column("latency_p99_ms");
  REQUIRE(p99 > 0);
  CHECK(model.headerData(p99, Qt::Horizontal).toString() == "latency p99 (ms)");
  CHECK(model.column("stale_view_fraction") > 0);
  CHECK(model.column("failure_rate") > 0);
  CHECK(model.column("no_such_figure") == -1);

  model.addInterval("dns", 1, interval(1, 10, 1, 100));
  model.addInterval("dns", 1, interval(2, 20, 0, 100));
  model.addInterval("central-lb", 1, interval(1, 5, 0, 100));
  // A late interval of the first pattern goes between its rows and the second pattern's.
  model.addInterval("dns", 1, interval(3, 30, 0, 0));
  REQUIRE(model.rowCount() == 4);
  CHECK(model.patterns() == QStringList{"dns", "central-lb"});
  CHECK(model.data(model.index(2, 0)).toString() == "dns");
  CHECK(model.data(model.index(3, 0)).toString() == "central-lb");
  CHECK(model.points("dns", p99) == QList<QPointF>{{1, 10}, {2, 20}, {3, 30}});
  // failure_rate = failed / completed; undefined without completions
  CHECK(model.points("dns", model.column("failure_rate")) == QList<QPointF>{{1, 0.01}, {2, 0}});
  // a null figure is left out
  CHECK(model.points("dns", model.column("stale_view_fraction")).isEmpty());
  CHECK(!model.data(model.index(0, model.column("stale_view_fraction"))).isValid());
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("the time series model averages the seeds of a pattern interval by interval") {
  TimeSeriesModel model;
  ModelCheck check(&model);
  const int p99 = model.column("latency_p99_ms");
  model.addInterval("dns", 1, interval(1, 10, 0, 10));
  model.addInterval("dns", 2, interval(1, 30, 0, 10));
  model.addInterval("dns", 2, interval(2, 8, 0, 10));
  CHECK(model.rowCount() == 2);
  CHECK(model.runCount("dns") == 2);
  CHECK(model.points("dns", p99) == QList<QPointF>{{1, 20}, {2, 8}});
  model.clear();
  CHECK(model.rowCount() == 0);
  CHECK(model.patterns().isEmpty());
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("the time series model has a column per failure cause, in the files' order") {
  TimeSeriesModel model;
  ModelCheck check(&model);
  const QStringList causes = model.causeKeys();
  REQUIRE(causes.size() == 10);
  CHECK(causes.front() == "failed_refused_per_s");
  CHECK(causes[1] == "failed_timeout_per_s");
  CHECK(model.column("propagation_p99_s") > 0);
  CHECK(model.column("propagation_pairs") > 0);
  const int timeout = model.column("failed_timeout_per_s");
  REQUIRE(timeout > 0);
  CHECK(model.headerData(timeout, Qt::Horizontal).toString() == "failed: timeout (1/s)");
  // The new columns come after the ones the table had, which keep their order.
  CHECK(model.column("open_views") < model.column("propagation_pairs"));
  CHECK(model.column("failed_downstream_failed_per_s") < model.column("failure_rate"));

  QVariantMap a = interval(1, 10, 3, 100);
  a.insert("failed_timeout_per_s", 2.0);
  a.insert("failed_refused_per_s", 1.0);
  a.insert("propagation_p99_s", 4.5);
  model.addInterval("dns", 1, a);
  QVariantMap b = interval(2, 10, 0, 100);
  b.insert("failed_timeout_per_s", 0.0);
  model.addInterval("dns", 1, b);
  CHECK(model.points("dns", timeout) == QList<QPointF>{{1, 2}, {2, 0}});
  CHECK(model.points("dns", model.column("propagation_p99_s")) == QList<QPointF>{{1, 4.5}});
  CHECK(model.total(timeout) == 2.0);
  CHECK(model.total(model.column("failed_refused_per_s")) == 1.0);
  CHECK(model.total(model.column("failed_reset_per_s")) == 0.0);
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("client groups are slices beside the rows, with their own figures") {
  TimeSeriesModel model;
  ModelCheck check(&model);
  QSignalSpy slices(&model, &TimeSeriesModel::slicesChanged);
  model.addInterval("dns", 1, interval(1, 10, 2, 100));
  const QVariantMap users{{"t_s", 1.0},
                          {"completed_per_s", 60.0},
                          {"failed_per_s", 2.0},
                          {"failed_timeout_per_s", 2.0},
                          {"latency_p99_ms", 12.0}};
  const QVariantMap edge{{"t_s", 1.0}, {"completed_per_s", 40.0}, {"failed_per_s", 0.0}};
  model.addClientInterval("dns", 1, "users", "web", users);
  model.addClientInterval("dns", 1, "web", "api", edge);
  model.addClientInterval("dns", 2, "users", "web",
                          QVariantMap{{"t_s", 1.0}, {"latency_p99_ms", 14.0}});
  CHECK(slices.count() == 2);
  CHECK(model.slices() == QStringList{"users → web", "web → api"});
  CHECK(TimeSeriesModel::sliceName("users", "web") == "users → web");
  // The rows are all requests' only.
  CHECK(model.rowCount() == 1);
  const int p99 = model.column("latency_p99_ms");
  CHECK(model.points("dns", p99) == QList<QPointF>{{1, 10}});
  CHECK(model.points("dns", p99, "users → web") == QList<QPointF>{{1, 13}});  // two seeds
  CHECK(model.points("dns", model.column("failure_rate"), "users → web") ==
        QList<QPointF>{{1, 2.0 / 60.0}});
  CHECK(model.points("dns", model.column("failed_timeout_per_s"), "users → web") ==
        QList<QPointF>{{1, 2}});
  CHECK(model.points("dns", model.column("completed_per_s"), "web → api") ==
        QList<QPointF>{{1, 40}});
  CHECK(model.points("dns", p99, "nobody → web").isEmpty());
  CHECK(model.total(model.column("failed_timeout_per_s"), "users → web") == 2.0);
  CHECK(model.total(model.column("failed_timeout_per_s"), "web → api") == 0.0);
  CHECK(TimeSeriesModel::isSliceFigure("latency_p99_ms"));
  CHECK(TimeSeriesModel::isSliceFigure("failure_rate"));
  CHECK(TimeSeriesModel::isSliceFigure("failed_timeout_per_s"));
  CHECK_FALSE(TimeSeriesModel::isSliceFigure("stale_view_fraction"));
  CHECK_FALSE(TimeSeriesModel::isSliceFigure("propagation_p50_s"));
  CHECK_FALSE(TimeSeriesModel::isSliceFigure("client"));
  model.clear();
  CHECK(model.slices().isEmpty());
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("disruptions are kept once, in time order, with the patterns that reported them") {
  TimeSeriesModel model;
  ModelCheck check(&model);
  QSignalSpy changed(&model, &TimeSeriesModel::churnChanged);
  using discolab::gui::ChurnEvent;
  model.addChurn("dns", ChurnEvent{30, "crash", "web-3", "web", "exit 137"});
  model.addChurn("dns", ChurnEvent{10, "host_down", "host1", "", ""});
  model.addChurn("central-lb", ChurnEvent{30, "crash", "web-3", "web", "exit 137"});
  model.addChurn("central-lb", ChurnEvent{30, "component_down", "lb/0", "", ""});
  model.addChurn("dns", ChurnEvent{30, "crash", "web-3", "web", "exit 137"});  // again: no-op
  CHECK(changed.count() == 4);
  const auto& marks = model.churn();
  REQUIRE(marks.size() == 3);
  CHECK(marks[0].event.kind == "host_down");
  CHECK(marks[1].event.subject == "web-3");
  CHECK(marks[1].patterns == QStringList{"dns", "central-lb"});
  CHECK(marks[2].event.kind == "component_down");
  CHECK(model.rowCount() == 0);  // markers are not rows
  model.clear();
  CHECK(model.churn().isEmpty());
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("a run folder's client groups and disruptions are read from its files") {
  QTemporaryDir dir;
  const auto write = [&](const char* name, const QByteArray& text) {
    QFile f(dir.filePath(name));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(text);
  };
  write("timeseries_by_client.csv",
        "t_s,warmup,client,service,completed_per_s,failed_per_s,latency_p50_ms,latency_p99_ms,"
        "stale_route_rate,failed_refused_per_s,failed_timeout_per_s\n"
        "1,1,users,web,10,1,2,3,0,0,1\n"
        "1,1,\"a,b\",api,5,0,,,,0,0\n"
        "2,0,users,web,20,0,2,4,0,0,0\n");
  write("events.csv",
        "t_s,kind,subject,service,detail\n"
        "0.5,scheduled,web-0,web,host1\n"
        "1.5,ready,instance/0,web,\n"
        "12,crash,web-0,web,\"exit 137, oom\"\n"
        "13,view,client/c,web,view=1 size=3 added=1 removed=\n"
        "20,host_down,rack0-host1,,\n");
  TimeSeriesModel model;
  ModelCheck check(&model);
  QString error;
  REQUIRE(discolab::gui::load_client_timeseries_csv(dir.filePath("timeseries_by_client.csv"), "dns",
                                                    1, model, &error));
  CHECK(model.slices() == QStringList{"users → web", "a,b → api"});
  CHECK(model.points("dns", model.column("failed_timeout_per_s"), "users → web") ==
        QList<QPointF>{{1, 1}, {2, 0}});
  REQUIRE(discolab::gui::load_churn_events_csv(dir.filePath("events.csv"), "dns", model, &error));
  REQUIRE(model.churn().size() == 2);
  CHECK(model.churn()[0].event.kind == "crash");
  CHECK(model.churn()[0].event.detail == "exit 137, oom");
  CHECK(model.churn()[1].event.t_s == 20);
  CHECK_FALSE(discolab::gui::load_client_timeseries_csv(dir.filePath("events.csv"), "dns", 1, model,
                                                        &error));
  CHECK(error.contains("not a timeseries_by_client.csv"));
  CHECK(ModelCheck::failures().isEmpty());
}

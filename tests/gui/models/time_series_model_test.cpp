#include "gui/models/time_series_model.h"

#include <QAbstractListModel>
#include <catch2/catch.hpp>

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

#include "gui/models/summary_model.h"

#include <catch2/catch.hpp>

#include "tests/gui/model_tester.h"

using discolab::gui::SummaryModel;
using discolab::gui::testing::ModelCheck;

namespace {

const QByteArray kCsv =
    "pattern,figure,unit,better,n,samples,mean,ci95_low,ci95_high,half_width,stdev,interval\n"
    "dns,user.latency.p99_ms,ms,lower,3,12000,42.5,40,45,2.5,1,seeds\n"
    "central-lb,user.latency.p99_ms,ms,lower,1,4000,30,,,,,\n"
    "dns,by_service.api.requests.failure_rate,fraction,lower,3,,0.01,0.005,0.015,0.005,0.002,"
    "seeds\n"
    "central-lb,by_service.api.requests.failure_rate,fraction,lower,0,,,,,,,\n";

}  // namespace

TEST_CASE("the summary model reads comparison.csv: mean and 95% interval per pattern") {
  SummaryModel model;
  ModelCheck check(&model);
  QString error;
  REQUIRE(model.loadCsv(kCsv, &error));
  CHECK(model.rowCount() == 4);
  CHECK(model.patterns() == QStringList{"dns", "central-lb"});
  CHECK(model.figures(false) ==
        QStringList{"user.latency.p99_ms", "by_service.api.requests.failure_rate"});
  CHECK(model.figures(true) == QStringList{"user.latency.p99_ms"});
  CHECK(model.unit("user.latency.p99_ms") == "ms");
  CHECK(model.label("by_service.api.requests.failure_rate").contains("api"));
  const auto dns = model.value("dns", "user.latency.p99_ms");
  REQUIRE(dns);
  CHECK(dns->n == 3);
  CHECK(dns->mean == 42.5);
  CHECK(dns->low == 40.0);
  CHECK(dns->high == 45.0);
  const auto lb = model.value("central-lb", "user.latency.p99_ms");
  REQUIRE(lb);
  CHECK_FALSE(lb->low.has_value());  // n = 1: no interval
  CHECK_FALSE(model.value("central-lb", "by_service.api.requests.failure_rate"));
  CHECK(!model.data(model.index(1, SummaryModel::LowColumn)).isValid());
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("the summary model refuses a file that is not comparison.csv") {
  SummaryModel model;
  QString error;
  CHECK_FALSE(model.loadCsv("t_s,warmup\n1,0\n", &error));
  CHECK(error.contains("comparison.csv"));
  CHECK_FALSE(model.loadFile("/nonexistent/comparison.csv", &error));
  CHECK(error.startsWith("/nonexistent/comparison.csv"));
}

#include "sim/metrics/load_spread.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/metrics/traffic.h"

using discolab::SimTime;
using discolab::metrics::GroundTruth;
using discolab::metrics::LoadSpread;
using namespace std::chrono_literals;

TEST_CASE("imbalance cv: plain cv without churn, ready-time weighted with it") {
  GroundTruth truth;
  LoadSpread load;
  // web: equal lifetimes, rates 3/s and 1/s: mean 2, sd 1, cv 0.5.
  truth.instance_ready(1, "web", SimTime{0s});
  truth.instance_ready(2, "web", SimTime{0s});
  load.served(1, 30);
  load.served(2, 10);
  // api: instance 4 lives half as long and serves half as much: equal rates, cv 0.
  truth.instance_ready(3, "api", SimTime{0s});
  truth.instance_ready(4, "api", SimTime{5s});
  load.served(3, 10);
  load.served(4, 5);
  // db: w = 10 s and 5 s, n = 10 and 15 → rates 1 and 3, mean 25/15, variance
  // (10·(2/3)² + 5·(4/3)²)/15 = 8/9.
  truth.instance_ready(5, "db", SimTime{0s});
  truth.instance_ready(6, "db", SimTime{0s});
  truth.instance_unready(6, SimTime{5s});
  load.served(5, 10);
  load.served(6, 15);

  const auto services = load.by_service(truth, SimTime{10s});
  REQUIRE(services.size() == 3);
  CHECK(services[0].imbalance_cv == Approx(0.5));
  CHECK(services[0].served == 40);
  CHECK(services[1].imbalance_cv == Approx(0.0).margin(1e-12));
  const double db_cv = std::sqrt(8.0 / 9.0) / (25.0 / 15.0);
  CHECK(services[2].imbalance_cv == Approx(db_cv));
  CHECK(LoadSpread::imbalance_cv(services) == Approx((40 * 0.5 + 25 * db_cv) / 80.0));
}

TEST_CASE("imbalance cv is undefined without served requests") {
  GroundTruth truth;
  truth.instance_ready(1, "web", SimTime{0s});
  const auto services = LoadSpread().by_service(truth, SimTime{10s});
  CHECK(std::isnan(services[0].imbalance_cv));
  CHECK(std::isnan(LoadSpread::imbalance_cv(services)));
}

TEST_CASE("traffic after the warmup subtracts the baseline per component") {
  discolab::metrics::TrafficCounters total{{{"registry", 100, 1000}, {"client", 10, 50}}, {}};
  discolab::metrics::TrafficCounters base{{{"registry", 40, 400}}, {}};
  const auto since = discolab::metrics::traffic_since(total, base);
  REQUIRE(since.control.size() == 2);
  CHECK(since.control[0] == discolab::metrics::ComponentTraffic{"client", 10, 50});
  CHECK(since.control[1] == discolab::metrics::ComponentTraffic{"registry", 60, 600});
}

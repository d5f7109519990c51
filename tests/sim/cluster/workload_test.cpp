#include "sim/cluster/workload.h"

#include <catch2/catch.hpp>
#include <vector>

#include "patterns/core/manual_runtime.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {
struct CountingCaller final : Caller {
  explicit CountingCaller(const Runtime& rt) : rt(rt) {}
  const Runtime& rt;
  std::vector<SimTime> at;
  std::vector<std::uint64_t> ids;
  void issue(std::uint64_t id) override {
    at.push_back(rt.now());
    ids.push_back(id);
  }
};
}  // namespace

TEST_CASE("arrivals are Poisson at the configured rate", "[workload][statistics]") {
  ManualRuntime rt(3);
  ClientSpec spec;
  spec.rate_per_s = 200;
  CountingCaller caller(rt);
  CallerWorkload w(rt, spec, "users-0", caller, 1000, 100s);
  w.start();
  rt.run_until(100s);
  // 20 000 expected, sd ~141.
  REQUIRE(caller.at.size() > 20000 - 600);
  REQUIRE(caller.at.size() < 20000 + 600);
  REQUIRE(caller.ids.front() == 1000);
  REQUIRE(caller.ids.back() == 1000 + caller.ids.size() - 1);
  // Exponential gaps: the coefficient of variation is 1.
  double sum = 0, sq = 0;
  for (std::size_t i = 1; i < caller.at.size(); ++i) {
    const double g = to_seconds(caller.at[i] - caller.at[i - 1]);
    sum += g;
    sq += g * g;
  }
  const double n = static_cast<double>(caller.at.size() - 1), mean = sum / n;
  REQUIRE(std::sqrt(sq / n - mean * mean) / mean == Approx(1.0).epsilon(0.05));
}

TEST_CASE("a burst multiplies the rate while it lasts", "[workload]") {
  ManualRuntime rt(4);
  ClientSpec spec;
  spec.rate_per_s = 100;
  spec.bursts.push_back({50s, 20s, 5.0});
  CountingCaller caller(rt);
  CallerWorkload w(rt, spec, "users-0", caller, 0, 100s);
  REQUIRE(w.rate_at(49s) == 100);
  REQUIRE(w.rate_at(50s) == 500);
  REQUIRE(w.rate_at(70s) == 100);
  w.start();
  rt.run_until(100s);
  std::size_t in_burst = 0;
  for (SimTime t : caller.at) in_burst += (t >= 50s && t < 70s) ? 1 : 0;
  // 10 000 expected in the burst (sd 100), 8 000 outside (sd ~90).
  REQUIRE(in_burst > 9600);
  REQUIRE(in_burst < 10400);
  REQUIRE(caller.at.size() - in_burst > 7600);
  REQUIRE(caller.at.size() - in_burst < 8400);
}

TEST_CASE("no arrival is issued at or after the end", "[workload]") {
  ManualRuntime rt(5);
  ClientSpec spec;
  spec.rate_per_s = 1000;
  CountingCaller caller(rt);
  CallerWorkload w(rt, spec, "users-0", caller, 0, 2s);
  w.start();
  rt.run_all();
  REQUIRE_FALSE(caller.at.empty());
  REQUIRE(caller.at.back() < 2s);
}

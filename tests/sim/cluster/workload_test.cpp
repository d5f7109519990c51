#include "sim/cluster/workload.h"

#include <catch2/catch.hpp>
#include <set>
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
  std::vector<std::uint64_t> keys;
  void issue(const Request& r) override {
    at.push_back(rt.now());
    ids.push_back(r.id);
    keys.push_back(r.hash_key);
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

TEST_CASE("requests carry session keys when the client has sessions, else a key each",
          "[workload][data-plane]") {
  const int sessions = GENERATE(0, 5);
  ManualRuntime rt(3);
  ClientSpec spec;
  spec.rate_per_s = 100;
  spec.sessions = sessions;
  CountingCaller caller(rt);
  CallerWorkload w(rt, spec, "users-0", caller, 0, 20s);
  w.start();
  rt.run_until(20s);
  REQUIRE(caller.keys.size() > 1000);
  const std::set<std::uint64_t> distinct(caller.keys.begin(), caller.keys.end());
  if (sessions == 0) {
    CHECK(distinct.size() == caller.keys.size());
  } else {
    CHECK(distinct == std::set<std::uint64_t>{1, 2, 3, 4, 5});
  }
}

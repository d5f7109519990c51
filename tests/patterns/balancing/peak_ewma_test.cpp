// Peak-EWMA: the estimate's update rule and the traffic share of a slow endpoint.
#include "patterns/balancing/peak_ewma.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "tests/patterns/balancing/test_endpoints.h"

using namespace discolab;
using namespace std::chrono_literals;
using discolab::testing::endpoints;

TEST_CASE("peak-EWMA: jumps up to a peak, decays down with the time constant",
          "[balancing][peak_ewma]") {
  SimTime now{0};
  PeakEwmaBalancer b(PeakEwmaConfig{10s, 30ms, 2}, [&] { return now; });
  b.update(endpoints(1));
  const ServiceEndpoint e = b.endpoints()[0];
  REQUIRE(b.load_at(0).rtt_ns == Approx(30e6));  // default_rtt before any answer

  b.on_start(e);
  REQUIRE(b.load_at(0).in_flight == 1);
  now = 1s;
  b.on_finish(e, 100ms, true);  // above the estimate: taken at once
  REQUIRE(b.load_at(0).rtt_ns == Approx(100e6));
  REQUIRE(b.load_at(0).in_flight == 0);

  now = 11s;  // one decay time later, an answer of 10 ms
  b.on_finish(e, 10ms, true);
  const double keep = std::exp(-1.0);
  REQUIRE(b.load_at(0).rtt_ns == Approx(100e6 * keep + 10e6 * (1 - keep)));

  now = 11s;  // no time elapsed: a lower answer moves nothing
  const double before = b.load_at(0).rtt_ns;
  b.on_finish(e, 1ms, true);
  REQUIRE(b.load_at(0).rtt_ns == Approx(before));
}

TEST_CASE("peak-EWMA: the in-flight penalty multiplies the estimate", "[balancing][peak_ewma]") {
  SimTime now{0};
  PeakEwmaBalancer b(PeakEwmaConfig{10s, 30ms, 8}, [&] { return now; });
  b.update(endpoints(2));
  // Same estimate; endpoint 0 has two in flight: cost 3·30 ms against 30 ms.
  b.on_start(b.endpoints()[0]);
  b.on_start(b.endpoints()[0]);
  RandomStream random(1);
  for (int i = 0; i < 20; ++i) REQUIRE(b.pick(PickContext{0, &random}).index == 1);
}

TEST_CASE("peak-EWMA sends less than half its fair share to a 10x slower endpoint",
          "[balancing][peak_ewma]") {
  constexpr std::uint32_t n = 10;
  SimTime now{0};
  PeakEwmaBalancer b(PeakEwmaConfig{}, [&] { return now; });
  b.update(endpoints(n));
  RandomStream random(11);
  std::multimap<SimTime, ServiceEndpoint> finishing;
  std::uint64_t to_slow = 0;
  std::uint64_t total = 0;
  for (SimTime t{0}; t < 20s; t += 2ms) {  // 500 requests/s for 20 s
    for (auto it = finishing.begin(); it != finishing.end() && it->first <= t;
         it = finishing.erase(it)) {
      now = it->first;
      b.on_finish(it->second, it->second.instance == 0 ? 100ms : 10ms, true);
    }
    now = t;
    const PickResult r = b.pick(PickContext{0, &random});
    b.on_start(r.endpoint);
    finishing.emplace(t + (r.endpoint.instance == 0 ? 100ms : 10ms), r.endpoint);
    ++total;
    if (r.endpoint.instance == 0) ++to_slow;
  }
  const double share = static_cast<double>(to_slow) / static_cast<double>(total);
  INFO("slow endpoint's share " << share);
  REQUIRE(share < 0.5 / n);
}

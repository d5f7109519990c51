// Passive outlier detection on the manual clock.
#include "patterns/health/outlier_detector.h"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "patterns/core/manual_runtime.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

struct Event {
  SimTime at{};
  InstanceId instance;
  bool ejected;
};

struct Fixture {
  ManualRuntime rt;
  std::vector<Event> events;
  std::unique_ptr<OutlierDetector> detector;

  OutlierDetector& make(OutlierDetectionConfig config, std::uint32_t hosts) {
    detector = std::make_unique<OutlierDetector>(rt, config, [this](InstanceId id, bool ejected) {
      events.push_back({rt.now(), id, ejected});
    });
    EndpointList list;
    for (InstanceId i = 0; i < hosts; ++i) list.push_back(ServiceEndpoint{i, i, i, 1, 0});
    detector->set_endpoints(list);
    return *detector;
  }
};

OutlierDetectionConfig consecutive_only() {
  OutlierDetectionConfig c;
  c.success_rate = false;
  c.max_ejection_percent = 100;
  return c;
}

void fail(OutlierDetector& d, InstanceId id, int times) {
  for (int i = 0; i < times; ++i) d.report(id, false);
}

}  // namespace

TEST_CASE("ejected at the 5th consecutive failure, a success resets the count",
          "[health][outlier]") {
  Fixture f;
  OutlierDetector& d = f.make(consecutive_only(), 10);
  fail(d, 3, 4);
  d.report(3, true);
  fail(d, 3, 4);
  REQUIRE_FALSE(d.ejected(3));
  f.rt.run_until(1s);
  d.report(3, false);
  REQUIRE(d.ejected(3));
  REQUIRE(f.events.size() == 1);
  REQUIRE(f.events[0].at == 1s);
  REQUIRE(d.ejected_count() == 1);
}

TEST_CASE("ejection time is base × times ejected, capped, return at the exact instant",
          "[health][outlier]") {
  Fixture f;
  OutlierDetectionConfig c = consecutive_only();
  c.max_ejection_time = 75s;
  OutlierDetector& d = f.make(c, 10);
  f.rt.run_until(1s);
  fail(d, 3, 5);  // 1st: 30 s
  f.rt.run_until(31s - 1ns);
  REQUIRE(d.ejected(3));
  f.rt.run_until(31s);
  REQUIRE_FALSE(d.ejected(3));
  REQUIRE(f.events.back().at == 31s);
  REQUIRE_FALSE(f.events.back().ejected);

  f.rt.run_until(32s);
  fail(d, 3, 5);  // 2nd: 60 s
  REQUIRE(d.ejection_multiplier(3) == 2);
  f.rt.run_until(92s - 1ns);
  REQUIRE(d.ejected(3));
  f.rt.run_until(92s);
  REQUIRE_FALSE(d.ejected(3));

  fail(d, 3, 5);  // 3rd: 90 s, capped at 75 s
  f.rt.run_until(167s - 1ns);
  REQUIRE(d.ejected(3));
  f.rt.run_until(167s);
  REQUIRE_FALSE(d.ejected(3));

  // The multiplier decays by one per interval tick that ends a whole interval without
  // ejection: none at 170 s (ejected during [160, 170)), then 180 s, 190 s, 200 s.
  f.rt.run_until(175s);
  REQUIRE(d.ejection_multiplier(3) == 3);
  f.rt.run_until(185s);
  REQUIRE(d.ejection_multiplier(3) == 2);
  f.rt.run_until(205s);
  REQUIRE(d.ejection_multiplier(3) == 0);
  fail(d, 3, 5);
  f.rt.run_until(235s - 1ns);
  REQUIRE(d.ejected(3));
  f.rt.run_until(235s);
  REQUIRE_FALSE(d.ejected(3));  // back to the base time
}

TEST_CASE("max ejection percent is never exceeded, but one endpoint may always go",
          "[health][outlier]") {
  Fixture f;
  OutlierDetectionConfig c = consecutive_only();
  c.max_ejection_percent = 20;
  OutlierDetector& d = f.make(c, 10);
  fail(d, 0, 5);
  fail(d, 1, 5);
  fail(d, 2, 5);
  REQUIRE(d.ejected(0));
  REQUIRE(d.ejected(1));
  REQUIRE_FALSE(d.ejected(2));
  REQUIRE(d.ejected_count() == 2);
  f.rt.run_until(30s);  // both return; the attempt for 2 was spent, it needs 5 more
  REQUIRE(d.ejected_count() == 0);
  fail(d, 2, 4);
  REQUIRE_FALSE(d.ejected(2));
  d.report(2, false);
  REQUIRE(d.ejected(2));

  Fixture small;
  c.max_ejection_percent = 10;
  OutlierDetector& d4 = small.make(c, 4);  // 10 % of 4 is less than one host
  fail(d4, 0, 5);
  fail(d4, 1, 5);
  REQUIRE(d4.ejected(0));
  REQUIRE_FALSE(d4.ejected(1));
}

TEST_CASE("success rate: below mean − 1.9 stdev is ejected at the interval tick",
          "[health][outlier]") {
  Fixture f;
  OutlierDetectionConfig c;
  c.consecutive_failures = 0;  // success rate alone
  c.max_ejection_percent = 50;
  OutlierDetector& d = f.make(c, 10);
  // Nine endpoints at 100 %, endpoint 9 at 50 %: mean 0.95, stdev 0.15, threshold 0.665.
  for (InstanceId id = 0; id < 9; ++id) {
    for (int i = 0; i < 200; ++i) d.report(id, true);
  }
  for (int i = 0; i < 200; ++i) d.report(9, i % 2 == 0);
  // Endpoint 8 fails everything but with too few requests to be judged.
  f.rt.run_until(10s - 1ns);
  REQUIRE(d.ejected_count() == 0);
  f.rt.run_until(10s);
  REQUIRE(d.ejected(9));
  REQUIRE(d.ejected_count() == 1);
  REQUIRE(f.events.at(0).at == 10s);
}

TEST_CASE("success rate: needs minimum hosts with the request volume", "[health][outlier]") {
  Fixture f;
  OutlierDetectionConfig c;
  c.consecutive_failures = 0;
  c.max_ejection_percent = 50;
  OutlierDetector& d = f.make(c, 10);
  for (InstanceId id = 0; id < 4; ++id) {  // only 4 endpoints reach 100 requests
    for (int i = 0; i < 100; ++i) d.report(id, id != 3 || i % 4 == 0);
  }
  for (InstanceId id = 4; id < 10; ++id) {
    for (int i = 0; i < 99; ++i) d.report(id, id != 9);
  }
  f.rt.run_until(10s);
  REQUIRE(d.ejected_count() == 0);
  // The counts start afresh each interval: the same again plus one request for each of
  // 4..8 makes 9 hosts with enough volume, so 3 (25 %) is judged and ejected.
  for (InstanceId id = 0; id < 4; ++id) {
    for (int i = 0; i < 100; ++i) d.report(id, id != 3 || i % 4 == 0);
  }
  for (InstanceId id = 4; id < 9; ++id) {
    for (int i = 0; i < 100; ++i) d.report(id, true);
  }
  f.rt.run_until(20s);
  REQUIRE(d.ejected(3));
  REQUIRE(d.ejected_count() == 1);
}

TEST_CASE("endpoints that leave the watched set are forgotten", "[health][outlier]") {
  Fixture f;
  OutlierDetector& d = f.make(consecutive_only(), 3);
  fail(d, 1, 5);
  REQUIRE(d.ejected(1));
  d.set_endpoints(EndpointList{ServiceEndpoint{0, 0, 0, 1, 0}});
  REQUIRE(d.watched_count() == 1);
  REQUIRE(d.ejected_count() == 0);
  f.rt.run_until(100s);
  REQUIRE(f.events.size() == 1);  // no return event for a forgotten endpoint
  d.report(1, false);             // unknown: ignored
  REQUIRE_FALSE(d.ejected(1));
}

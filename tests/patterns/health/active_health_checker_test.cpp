// Active health checks on the manual clock: every message takes 1 ms, so a check answered
// right away completes 2 ms after it leaves and the next leaves `interval` after that.
#include "patterns/health/active_health_checker.h"

#include <catch2/catch.hpp>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "patterns/health/health_check_responder.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

struct Transition {
  SimTime at{};
  InstanceId instance;
  bool healthy;
};

struct Fixture {
  ManualRuntime rt{1, 1ms};
  HealthCheckResponder responder{rt, 1};
  std::vector<Transition> transitions;

  ActiveHealthChecker make(ActiveHealthCheckConfig config) {
    return ActiveHealthChecker(
        rt, 0, std::move(config),
        [this](InstanceId id, bool healthy) {
          transitions.push_back({rt.now(), id, healthy});
        },
        "lb/health");
  }
};

ActiveHealthCheckConfig one_second(std::uint32_t fall, std::uint32_t rise) {
  ActiveHealthCheckConfig c;
  c.interval = 1s;
  c.timeout = 500ms;
  c.fall = fall;
  c.rise = rise;
  return c;
}

}  // namespace

TEST_CASE("fall: unhealthy at the third failed check's answer, not before", "[health][active]") {
  Fixture f;
  ActiveHealthChecker checker = f.make(one_second(3, 2));
  f.responder.set_healthy(false);
  checker.add_target(7, f.responder.address());
  REQUIRE(checker.healthy(7));  // start_healthy
  // Checks leave at 0, 1.002 s, 2.004 s; answers come 2 ms later.
  f.rt.run_until(2006ms - 1ns);
  REQUIRE(f.transitions.empty());
  REQUIRE(checker.healthy(7));
  f.rt.run_until(2006ms);
  REQUIRE(f.transitions.size() == 1);
  REQUIRE(f.transitions[0].at == 2006ms);
  REQUIRE(f.transitions[0].instance == 7);
  REQUIRE_FALSE(f.transitions[0].healthy);
  REQUIRE(checker.stats().answered_unhealthy == 3);
}

TEST_CASE("rise: healthy again at the second consecutive success, a failure resets the count",
          "[health][active]") {
  Fixture f;
  ActiveHealthChecker checker = f.make(one_second(1, 2));
  f.responder.set_healthy(false);
  checker.add_target(7, f.responder.address());
  f.rt.run_until(2ms);
  REQUIRE_FALSE(checker.healthy(7));  // fall = 1
  f.responder.set_healthy(true);
  f.rt.run_until(1004ms);  // success 1 at 1.004 s
  REQUIRE_FALSE(checker.healthy(7));
  f.responder.set_healthy(false);
  f.rt.run_until(2006ms);  // failure at 2.006 s: count back to 0
  f.responder.set_healthy(true);
  f.rt.run_until(4010ms - 1ns);  // success 1 at 3.008 s
  REQUIRE_FALSE(checker.healthy(7));
  f.rt.run_until(4010ms);  // success 2 at 4.010 s
  REQUIRE(checker.healthy(7));
  REQUIRE(f.transitions.back().at == 4010ms);
  REQUIRE(f.transitions.back().healthy);
  REQUIRE(f.transitions.size() == 2);
}

TEST_CASE("an unanswered check fails at its timeout, the next leaves an interval later",
          "[health][active]") {
  Fixture f;
  ActiveHealthChecker checker = f.make(one_second(3, 2));
  checker.add_target(7, f.responder.address());
  f.rt.set_host_up(1, false);  // checks are dropped: no answer at all
  // Timeouts at 0.5 s, 2.0 s, 3.5 s.
  f.rt.run_until(3500ms - 1ns);
  REQUIRE(checker.healthy(7));
  REQUIRE(checker.stats().timed_out == 2);
  f.rt.run_until(3500ms);
  REQUIRE_FALSE(checker.healthy(7));
  REQUIRE(f.transitions.at(0).at == 3500ms);
  REQUIRE(checker.stats().timed_out == 3);
}

TEST_CASE("an answer after the timeout is ignored", "[health][active]") {
  Fixture f;
  f.rt.set_message_delay(300ms);  // round trip 600 ms > timeout 500 ms
  ActiveHealthChecker checker = f.make(one_second(2, 1));
  checker.add_target(7, f.responder.address());
  f.rt.run_until(10s);
  REQUIRE(checker.stats().succeeded == 0);
  REQUIRE(checker.stats().timed_out >= 6);
  REQUIRE_FALSE(checker.healthy(7));
}

TEST_CASE("a refused check fails one round trip after it left", "[health][active]") {
  Fixture f;
  ActiveHealthChecker checker = f.make(one_second(1, 1));
  checker.add_target(7, f.responder.address());
  f.responder.close();  // the container crashed
  f.rt.run_until(2ms - 1ns);
  REQUIRE(checker.healthy(7));
  f.rt.run_until(2ms);
  REQUIRE_FALSE(checker.healthy(7));
  REQUIRE(checker.stats().refused == 1);
  REQUIRE(checker.stats().timed_out == 0);
}

TEST_CASE("starting unhealthy: initial_rise successes to the first healthy state, rise after",
          "[health][active]") {
  Fixture f;
  ActiveHealthCheckConfig c = one_second(1, 3);
  c.start_healthy = false;
  c.initial_rise = 1;  // Envoy: one success at start-up
  ActiveHealthChecker checker = f.make(c);
  checker.add_target(7, f.responder.address());
  REQUIRE_FALSE(checker.healthy(7));
  f.rt.run_until(2ms);
  REQUIRE(checker.healthy(7));
  f.responder.set_healthy(false);
  f.rt.run_until(1004ms);
  REQUIRE_FALSE(checker.healthy(7));
  f.responder.set_healthy(true);
  f.rt.run_until(3008ms);  // two successes: not enough any more
  REQUIRE_FALSE(checker.healthy(7));
  f.rt.run_until(4010ms);
  REQUIRE(checker.healthy(7));
}

TEST_CASE("jittered intervals stay within interval·(1 ± jitter) and do vary", "[health][active]") {
  ManualRuntime rt(1, 1ms);
  std::vector<SimTime> arrivals;
  const EndpointId target = rt.open(1, "instance", [&](const Message& m) {
    arrivals.push_back(rt.now());
    HealthCheckResponder::answer(rt, m, true);
  });
  ActiveHealthCheckConfig c = one_second(3, 2);
  c.jitter = 0.2;
  ActiveHealthChecker checker(rt, 0, c, nullptr, "lb/health");
  checker.add_target(7, target);
  rt.run_until(300s);
  REQUIRE(arrivals.size() > 200);
  Duration shortest = Duration::max();
  Duration longest{0};
  for (std::size_t i = 1; i < arrivals.size(); ++i) {
    const Duration gap = arrivals[i] - arrivals[i - 1] - 2ms;  // minus the round trip
    shortest = std::min(shortest, gap);
    longest = std::max(longest, gap);
  }
  REQUIRE(shortest >= 800ms);
  REQUIRE(longest <= 1200ms);
  REQUIRE(shortest < 820ms);  // the whole range is used
  REQUIRE(longest > 1180ms);
}

TEST_CASE("spread first checks fall within the first interval", "[health][active]") {
  Fixture f;
  ActiveHealthCheckConfig c = one_second(3, 2);
  c.spread_first_check = true;
  ActiveHealthChecker checker = f.make(c);
  for (InstanceId id = 0; id < 50; ++id) checker.add_target(id, f.responder.address());
  f.rt.run_until(500ms);
  const std::uint64_t early = checker.stats().sent;
  REQUIRE(early > 10);
  REQUIRE(early < 40);
  f.rt.run_until(1s - 1ns);
  REQUIRE(checker.stats().sent == 50);
}

TEST_CASE("check cost: check_bytes per check on the checker's component", "[health][active]") {
  Fixture f;
  ActiveHealthCheckConfig c = one_second(3, 2);
  c.check_bytes = 100;
  c.component = "gateway-health";
  ActiveHealthChecker checker = f.make(c);
  checker.add_target(1, f.responder.address());
  checker.add_target(2, f.responder.address());
  f.rt.run_until(10s);
  const auto traffic = f.rt.traffic("gateway-health", Plane::control);
  REQUIRE(traffic.messages == checker.stats().sent);
  REQUIRE(traffic.bytes == 100 * checker.stats().sent);
  REQUIRE(checker.stats().sent == 20);  // 2 targets, every 1.002 s over 10 s
  REQUIRE(f.rt.traffic("health-port", Plane::control).bytes ==
          kHealthCheckReplyBytes * f.responder.answered());
}

TEST_CASE("removed targets are no longer checked, sync keeps survivors' state",
          "[health][active]") {
  Fixture f;
  ActiveHealthChecker checker = f.make(one_second(1, 1));
  f.responder.set_healthy(false);
  checker.add_target(1, f.responder.address());
  checker.add_target(2, f.responder.address());
  f.rt.run_until(1ms);  // checks reach the responder, answers in flight
  checker.remove_target(2);
  f.rt.run_until(2ms);
  REQUIRE_FALSE(checker.healthy(1));
  REQUIRE(f.transitions.size() == 1);  // the answer for 2 was dropped with it
  const std::uint64_t answered = f.responder.answered();

  const EndpointList list{ServiceEndpoint{1, f.responder.address(), 1, 1, 0},
                          ServiceEndpoint{3, f.responder.address(), 1, 1, 0}};
  checker.sync_targets(list);
  REQUIRE(checker.target_count() == 2);
  REQUIRE_FALSE(checker.healthy(1));  // kept
  REQUIRE(checker.healthy(3));        // new: start_healthy
  checker.sync_targets({});
  f.rt.run_until(20s);
  REQUIRE(f.responder.answered() == answered);  // 3 left before its first check went out
  REQUIRE(f.rt.pending() == 0);
}

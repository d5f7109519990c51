// The central LB's server and pattern on the manual clock (1 ms per message): admission and
// saturation, forwarding with the client's origin, failure causes passed back, active checks,
// template sync timing, process crash and HA failover.
#include "patterns/central_lb/lb_server.h"

#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "patterns/central_lb/central_lb_pattern.h"
#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"
#include "patterns/health/health_check_responder.h"
#include "tests/patterns/central_lb/lb_test_support.h"
#include "tests/patterns/conformance/fake_cluster.h"

using namespace discolab;
using namespace std::chrono_literals;
using test::base_config;
using test::FakeCluster;
using test::RawClient;
using test::Setup;

namespace {

constexpr HostId kStandbyHost = 8;

std::size_t failures_with(const std::vector<RequestOutcome>& outcomes, FailureCause cause,
                          SimTime from, SimTime to) {
  std::size_t n = 0;
  for (const auto& o : outcomes)
    n += !o.ok && o.cause == cause && o.started >= from && o.started < to;
  return n;
}
std::size_t successes(const std::vector<RequestOutcome>& outcomes, SimTime from, SimTime to) {
  std::size_t n = 0;
  for (const auto& o : outcomes) n += o.ok && o.started >= from && o.started < to;
  return n;
}

}  // namespace

TEST_CASE("lb: beyond the connection limit requests are rejected as overloaded") {
  CentralLbConfig c = base_config();
  c.lb.workers = 1;
  c.lb.connection_limit = 3;
  c.lb.service_time = {ServiceTimeDistribution::constant, 100ms, 0};
  Setup s(c);
  s.cluster.add_instance();
  s.cluster.add_caller("users-0", 0);  // opens the LB's frontend for "web"
  s.cluster.rt.advance(1s);
  RawClient client(s.cluster.rt);
  const EndpointId vip = s.pattern.virtual_ip("web");
  REQUIRE(vip != kNoEndpoint);
  for (std::uint64_t k = 1; k <= 5; ++k) client.send(vip, k);
  s.cluster.rt.advance(50ms);
  CHECK(client.count_of_cause(FailureCause::overloaded) == 2);
  CHECK(s.pattern.lb(0)->in_flight() == 3);
  CHECK(s.pattern.lb(0)->core().queued() == 2);  // one worker: the others wait for the CPU
  s.cluster.rt.advance(1s);
  CHECK(client.responses() == 3);
  CHECK(s.pattern.lb(0)->overloaded() == 2);
}

TEST_CASE("lb: a request pays the LB processing and two hops and its try reports the origin") {
  CentralLbConfig c = base_config();
  c.lb.service_time = {ServiceTimeDistribution::constant, 10ms, 0};
  Setup s(c);
  const InstanceId a = s.cluster.add_instance(5ms);
  Caller& caller = s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(1s);
  const std::size_t tries_before = s.cluster.log.tries.size();
  Request r;
  r.id = 42;
  caller.issue(r);
  s.cluster.rt.advance(1s);
  REQUIRE(s.cluster.log.outcomes.size() == 1);  // the LB's leg reports no outcome of its own
  const RequestOutcome& o = s.cluster.log.outcomes[0];
  CHECK(o.ok);
  CHECK(o.request_id == 42);
  // client → LB (1 ms), processing (10 ms), LB → instance (1 ms), service (5 ms), back (2 ms).
  CHECK(o.finished - o.started == 19ms);
  REQUIRE(s.cluster.log.tries.size() == tries_before + 1);
  CHECK(s.cluster.log.tries.back() == a);  // the instance, reported for stale routes
}

TEST_CASE("lb: the leg failure cause goes back to the client") {
  SECTION("no backend") {
    Setup s(base_config());
    Caller& caller = s.cluster.add_caller("users-0", 0);
    s.cluster.rt.advance(1s);
    caller.issue(Request{1});
    s.cluster.rt.advance(1s);
    REQUIRE(s.cluster.log.outcomes.size() == 1);
    CHECK(!s.cluster.log.outcomes[0].ok);
    CHECK(s.cluster.log.outcomes[0].cause == FailureCause::no_endpoint);
  }
  SECTION("a crashed backend still listed: refused, or retries exhausted with a retry") {
    CentralLbConfig c = base_config();
    c.registration.mode = RegistrationMode::self;  // the crash stays listed until the lease ends
    const bool retry = GENERATE(false, true);
    c.lb.retries = retry ? 1 : 0;
    Setup s(c);
    const InstanceId a = s.cluster.add_instance();
    Caller& caller = s.cluster.add_caller("users-0", 0);
    s.cluster.rt.advance(1s);
    s.cluster.crash(a);
    caller.issue(Request{1});
    s.cluster.rt.advance(1s);
    REQUIRE(s.cluster.log.outcomes.size() == 1);
    const RequestOutcome& o = s.cluster.log.outcomes[0];
    CHECK(!o.ok);
    CHECK(o.cause == (retry ? FailureCause::retries_exhausted : FailureCause::refused));
  }
}

TEST_CASE("lb: active checks take a dead backend out of the LB's view") {
  CentralLbConfig c = base_config();
  c.lb.active_checks = ActiveHealthCheckConfig{};  // inter 2s, timeout 1s, fall 3
  Setup s(c);
  const InstanceId a = s.cluster.add_instance();
  const InstanceId b = s.cluster.add_instance();
  Caller& caller = s.cluster.add_caller("users-0", 0);
  s.cluster.traffic(caller, 5s, 100ms);
  const Upstream* up = s.pattern.lb(0)->upstream("web");
  REQUIRE(up != nullptr);
  CHECK(up->routable()->size() == 2);
  // a's host fails: the orchestrator is not told (no instance_crashed), only checks see it.
  s.cluster.rt.set_host_up(1 + (a - 100) % 3, false);
  const SimTime down = s.cluster.rt.now();
  s.cluster.traffic(caller, 3 * (2s + 1s) + 500ms, 100ms);  // three timed-out checks
  REQUIRE(up->routable()->size() == 1);
  CHECK(up->routable()->front().instance == b);
  const SimTime from = s.cluster.rt.now();
  s.cluster.traffic(caller, 5s, 100ms);
  CHECK(s.cluster.log.tries_to(a, from) == 0);
  CHECK(s.cluster.log.tries_to(a, down) > 0);  // meanwhile it was picked and timed out
}

TEST_CASE("lb: template sync applies a change after wait and reload while the old list serves") {
  CentralLbConfig c = base_config();
  configsync::ConfigSyncConfig sync;
  sync.wait_min = 2s;
  sync.wait_max = 8s;
  sync.reload_duration = 500ms;
  c.lb.template_sync = sync;
  Setup s(c);
  s.cluster.add_instance();
  s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(5s);
  const Upstream* up = s.pattern.lb(0)->upstream("web");
  REQUIRE(up->routable()->size() == 1);
  s.cluster.add_instance();
  s.cluster.rt.advance(2s + 400ms);  // the watch's push, the quiescence, most of the reload
  CHECK(up->routable()->size() == 1);
  s.cluster.rt.advance(200ms);
  CHECK(up->routable()->size() == 2);
}

TEST_CASE("lb: a crashed LB process resets its connections and refuses new ones") {
  CentralLbConfig c = base_config();
  Setup s(c);
  s.cluster.add_instance(200ms);
  Caller& caller = s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(1s);
  caller.issue(Request{1});
  s.cluster.rt.advance(50ms);  // at the instance
  s.pattern.component_down("lb");
  caller.issue(Request{2});
  s.cluster.rt.advance(1s);
  REQUIRE(s.cluster.log.outcomes.size() == 2);
  CHECK(s.cluster.log.outcomes[0].cause == FailureCause::reset);
  CHECK(s.cluster.log.outcomes[1].cause == FailureCause::lb_down);
  s.pattern.component_up("lb");
  s.cluster.rt.advance(1s);
  caller.issue(Request{3});
  s.cluster.rt.advance(1s);
  REQUIRE(s.cluster.log.outcomes.size() == 3);
  CHECK(s.cluster.log.outcomes[2].ok);
}

TEST_CASE("lb: an HA pair fails over after failover_time and back when the primary returns") {
  CentralLbConfig c = base_config();
  c.standby_host = kStandbyHost;
  c.failover_time = 3s;
  c.lb_host = 5;  // the primary on a host of its own, so the registry stays up
  Setup s(c);
  s.cluster.add_instance();
  Caller& caller = s.cluster.add_caller("users-0", 0);
  s.cluster.traffic(caller, 2s, 100ms);
  // The standby synced too: it has its own view already.
  REQUIRE(s.pattern.lb(1) != nullptr);
  CHECK(s.pattern.lb(1)->upstream("web")->routable()->size() == 1);
  s.cluster.host_down(5);
  const SimTime down = s.cluster.rt.now();
  s.cluster.traffic(caller, 6s, 100ms);
  CHECK(s.pattern.active() == 1);
  CHECK(s.pattern.failovers() == 1);
  auto& log = s.cluster.log.outcomes;
  // Until the failover, tries to the dead primary time out: lb_down. After it, served.
  CHECK(failures_with(log, FailureCause::lb_down, down, down + 3s - 500ms) > 20);
  CHECK(successes(log, down, down + 3s - 500ms) == 0);
  CHECK(failures_with(log, FailureCause::lb_down, down + 3s, down + 6s) == 0);
  CHECK(successes(log, down + 3s, down + 6s) > 20);
  s.cluster.host_up(5);
  CHECK(s.pattern.active() == 0);  // keepalived preempts
  s.cluster.rt.advance(1s);
  const SimTime back = s.cluster.rt.now();
  s.cluster.traffic(caller, 2s, 100ms);
  s.cluster.rt.advance(1s);
  CHECK(successes(log, back, back + 2s) == 20);
}

TEST_CASE("lb: a request that arrives before the LB's first list waits for it") {
  Setup s(base_config());
  s.cluster.add_instance();
  Caller& caller = s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(1s);
  // A fresh LB process: its watch's first answer comes a round trip later than the request.
  s.pattern.component_down("lb");
  s.pattern.component_up("lb");
  caller.issue(Request{1});
  s.cluster.rt.advance(1s);
  REQUIRE(s.cluster.log.outcomes.size() == 1);
  CHECK(s.cluster.log.outcomes[0].ok);
  CHECK(s.cluster.log.outcomes[0].finished - s.cluster.log.outcomes[0].started > 3ms);
}

TEST_CASE("lb: a reload that is not seamless refuses new connections as lb_down") {
  CentralLbConfig c = base_config();
  configsync::ConfigSyncConfig sync;
  sync.reload_duration = 500ms;
  c.lb.template_sync = sync;
  c.lb.reload_refuses = GENERATE(false, true);
  Setup s(c);
  s.cluster.add_instance();
  Caller& caller = s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(2s);
  s.cluster.add_instance();  // a reload starts about 2 ms later and lasts 500 ms
  s.cluster.rt.advance(100ms);
  caller.issue(Request{1});
  s.cluster.rt.advance(1s);
  caller.issue(Request{2});  // after the reload
  s.cluster.rt.advance(1s);
  REQUIRE(s.cluster.log.outcomes.size() == 2);
  if (c.lb.reload_refuses) {
    CHECK(s.cluster.log.outcomes[0].cause == FailureCause::lb_down);
  } else {
    CHECK(s.cluster.log.outcomes[0].ok);  // the old process serves the old backends
  }
  CHECK(s.cluster.log.outcomes[1].ok);
}

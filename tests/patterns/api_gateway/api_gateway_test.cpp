// The API gateway on the fake cluster (1 ms per message): external callers through the gateway,
// internal ones direct; version subsets and weighted splits; the L7 cost; crash, host failure
// and failover of the gateway pair; callers removed.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "patterns/api_gateway/api_gateway_pattern.h"
#include "patterns/api_gateway/kong_dns_source.h"
#include "tests/patterns/conformance/fake_cluster.h"

using namespace discolab;
using namespace std::chrono_literals;
using test::FakeCluster;

namespace {

constexpr HostId kStandbyHost = 8;

ApiGatewayConfig config() {
  ApiGatewayConfig c;
  c.edge.registry_host = test::kComponentHost;
  c.edge.lb_host = test::kComponentHost;
  c.edge.registration.mode = RegistrationMode::orchestrator;
  c.edge.registration.orchestrator_host = test::kComponentHost;
  c.edge.lb.source = LbSource::watch;
  c.edge.lb.retries = 0;
  c.edge.lb.service_time = {ServiceTimeDistribution::constant, 400us, 0};
  c.internal_poller.interval = 5s;
  return c;
}

// Route 1: web, every version; route 2: only v2; route 3: v2 10 %, v1 90 %.
std::shared_ptr<const RouteTable> routes() {
  auto t = std::make_shared<RouteTable>();
  t->routes = {{"web", "", "/", "web", {}},
               {"web-v2", "", "/v2", "web", {{"v2", 1}}},
               {"web-canary", "beta.*", "/", "web", {{"v2", 10}, {"v1", 90}}}};
  return t;
}

struct Setup {
  explicit Setup(ApiGatewayConfig c = config(), std::uint64_t seed = 1)
      : cluster(seed), pattern(cluster.rt, std::move(c)) {
    cluster.attach(pattern);
  }
  FakeCluster cluster;
  ApiGatewayPattern pattern;
};

std::size_t ok_count(const FakeCluster& c, std::size_t from = 0) {
  std::size_t n = 0;
  for (std::size_t k = from; k < c.log.outcomes.size(); ++k) n += c.log.outcomes[k].ok;
  return n;
}

Duration latency(const RequestOutcome& o) { return o.finished - o.started; }

}  // namespace

TEST_CASE(
    "gateway: external requests take the gateway and pay its L7 cost, internal ones go "
    "direct") {
  Setup s;
  auto& c = s.cluster;
  c.add_instance();
  c.add_instance();
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& outside = c.add_caller("users-0", 0);
  c.external_callers = false;
  Caller& inside = c.add_caller("web-to-web-0", 0);
  c.traffic(outside, 1s, 100ms);
  const LbServer* gw = s.pattern.edge().lb(0);
  REQUIRE(gw != nullptr);
  CHECK(gw->forwarded() == 10);
  CHECK(gw->config().name == "gateway/primary");
  // Through the gateway: 4 hops and its 400 µs; direct: 2 hops.
  REQUIRE(c.log.outcomes.size() == 10);
  CHECK(latency(c.log.outcomes.back()) == 4ms + 400us + 1ms);
  const std::size_t before = c.log.outcomes.size();
  c.traffic(inside, 1s, 100ms);
  CHECK(gw->forwarded() == 10);  // untouched
  CHECK(ok_count(c, before) == 10);
  CHECK(latency(c.log.outcomes.back()) == 2ms + 1ms);
  CHECK(s.pattern.internal_callers() == 1);
}

TEST_CASE("gateway: a route's version subset gets every request of that route") {
  ApiGatewayConfig cfg = config();
  cfg.edge.lb.routes = routes();
  Setup s(cfg);
  auto& c = s.cluster;
  std::set<InstanceId> v2;
  for (int k = 0; k < 6; ++k) {
    const InstanceId id = c.add_instance(1ms, k % 3 == 0 ? "v2" : "v1");
    if (k % 3 == 0) v2.insert(id);
  }
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& caller = c.add_caller("users-0", 0);
  for (int k = 0; k < 50; ++k) {
    Request r{1000 + static_cast<std::uint64_t>(k)};
    r.route = 2;
    caller.issue(r);
    c.rt.advance(20ms);
  }
  c.rt.advance(1s);
  CHECK(ok_count(c) == 50);
  std::size_t to_v2 = 0;
  for (InstanceId id : v2) to_v2 += c.log.tries_to(id);
  CHECK(to_v2 == c.log.tries.size());
  // Both v2 instances are used (the subset's own balancer).
  for (InstanceId id : v2) CHECK(c.log.tries_to(id) > 0);
  // Route 1 (no versions) spreads over all six.
  const std::size_t before = c.log.tries.size();
  for (int k = 0; k < 60; ++k) {
    Request r{5000 + static_cast<std::uint64_t>(k)};
    r.route = 1;
    caller.issue(r);
    c.rt.advance(20ms);
  }
  std::set<InstanceId> reached(c.log.tries.begin() + static_cast<std::ptrdiff_t>(before),
                               c.log.tries.end());
  CHECK(reached.size() == 6);
}

TEST_CASE("gateway: a weighted split sends each version its share within a binomial bound") {
  ApiGatewayConfig cfg = config();
  cfg.edge.lb.routes = routes();
  Setup s(cfg, 7);
  auto& c = s.cluster;
  std::set<InstanceId> v2;
  for (int k = 0; k < 4; ++k) {
    const InstanceId id = c.add_instance(1ms, k == 0 ? "v2" : "v1");
    if (k == 0) v2.insert(id);
  }
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& caller = c.add_caller("users-0", 0);
  constexpr int n = 4000;
  for (int k = 0; k < n; ++k) {
    Request r{1 + static_cast<std::uint64_t>(k)};
    r.route = 3;
    caller.issue(r);
    c.rt.advance(5ms);
  }
  c.rt.advance(1s);
  REQUIRE(c.log.tries.size() == static_cast<std::size_t>(n));
  std::size_t to_v2 = 0;
  for (InstanceId id : v2) to_v2 += c.log.tries_to(id);
  // Binomial(n, 0.1): mean 400, sd 19; 4 sd either side.
  const double sd = std::sqrt(n * 0.1 * 0.9);
  CHECK(std::abs(static_cast<double>(to_v2) - n * 0.1) < 4 * sd);
  const RouteChooser* router = s.pattern.edge().lb(0)->router("web");
  REQUIRE(router != nullptr);
  CHECK(router->picks("v2") == to_v2);
  CHECK(router->picks("v1") == n - to_v2);
}

TEST_CASE("gateway: an empty version subset answers no_endpoint") {
  ApiGatewayConfig cfg = config();
  cfg.edge.lb.routes = routes();
  Setup s(cfg);
  auto& c = s.cluster;
  c.add_instance(1ms, "v1");
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& caller = c.add_caller("users-0", 0);
  Request r{1};
  r.route = 2;
  caller.issue(r);
  c.rt.advance(1s);
  REQUIRE(c.log.outcomes.size() == 1);
  CHECK_FALSE(c.log.outcomes[0].ok);
  CHECK(c.log.outcomes[0].cause == FailureCause::no_endpoint);
}

TEST_CASE(
    "gateway: a crashed process refuses at once, a dead host times out, the standby "
    "takes over after failover_time") {
  ApiGatewayConfig cfg = config();
  cfg.edge.standby_host = kStandbyHost;
  cfg.edge.failover_time = 3s;
  Setup s(cfg);
  auto& c = s.cluster;
  c.add_instance();
  c.add_instance();
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& caller = c.add_caller("users-0", 0);
  c.traffic(caller, 1s, 100ms);
  CHECK(ok_count(c) == 10);

  // The process crashes: refused at once (lb_down, within a round trip) until the failover.
  std::size_t from = c.log.outcomes.size();
  s.pattern.component_down("gateway");
  c.traffic(caller, 2s, 100ms);
  for (std::size_t k = from; k < c.log.outcomes.size(); ++k) {
    CHECK(c.log.outcomes[k].cause == FailureCause::lb_down);
    CHECK(latency(c.log.outcomes[k]) < 10ms);
  }
  c.rt.advance(2s);
  CHECK(s.pattern.edge().active() == 1);
  from = c.log.outcomes.size();
  c.traffic(caller, 1s, 100ms);
  CHECK(ok_count(c, from) == c.log.outcomes.size() - from);
  s.pattern.component_up("gateway");  // preempts back
  c.rt.advance(1s);
  CHECK(s.pattern.edge().active() == 0);

  // The host dies: tries time out (the caller's 500 ms), then lb_down after the failover.
  c.host_down(test::kComponentHost);
  from = c.log.outcomes.size();
  caller.issue(Request{9001});
  c.rt.advance(1s);
  REQUIRE(c.log.outcomes.size() == from + 1);
  CHECK(c.log.outcomes[from].cause == FailureCause::lb_down);
  CHECK(latency(c.log.outcomes[from]) >= 500ms);
}

TEST_CASE("gateway: removed callers stop, internal and external alike") {
  Setup s;
  auto& c = s.cluster;
  c.add_instance();
  c.rt.advance(1s);
  Caller& inside = c.add_caller("a-0", 0);
  c.external_callers = true;
  Caller& outside = c.add_caller("users-0", 0);
  c.traffic(inside, 500ms, 100ms);
  c.traffic(outside, 500ms, 100ms);
  CHECK(s.pattern.internal_callers() == 1);
  s.pattern.remove_caller(inside);
  CHECK(s.pattern.internal_callers() == 0);
  s.pattern.remove_caller(outside);
  c.rt.advance(10s);  // nothing left ticking refers to them
  CHECK(ok_count(c) == 10);
}

namespace {

constexpr HostId kGatewayHost = 7;

// Kong resolving by DNS (CoreDNS TTL 5 s, stale 4 s), the gateway on a host of its own.
ApiGatewayConfig dns_config() {
  ApiGatewayConfig c = config();
  c.edge.lb_host = kGatewayHost;
  c.dns_upstreams = true;
  c.dns_stale_ttl = 4s;
  return c;
}

const KongDnsSource& dns_source_of(const ApiGatewayPattern& p) {
  const Upstream* up = p.edge().lb(0)->upstream("web");
  REQUIRE(up != nullptr);
  const auto* source = dynamic_cast<const KongDnsSource*>(&up->source());
  REQUIRE(source != nullptr);
  return *source;
}

}  // namespace

TEST_CASE(
    "gateway dns upstreams: a new instance waits for the record's TTL, then one stale "
    "pick refreshes the list in the background") {
  Setup s(dns_config());
  auto& c = s.cluster;
  c.add_instance();
  c.add_instance();
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& caller = c.add_caller("users-0", 0);
  caller.issue(Request{1});  // the first resolution: TTL 5 s from about now
  c.rt.advance(100ms);
  const SimTime resolved = c.rt.now();
  const InstanceId fresh = c.add_instance();
  c.traffic(caller, 4500ms, 100ms);  // within the TTL: the list holds still
  CHECK(c.log.tries_to(fresh) == 0);
  const KongDnsSource& source = dns_source_of(s.pattern);
  CHECK(source.background_lookups() == 0);
  c.traffic(caller, 3s, 100ms);  // past the TTL: served stale once, then the new list
  CHECK(source.background_lookups() >= 1);
  CHECK(source.stale_picks() >= 1);
  CHECK(c.log.tries_to(fresh, resolved + 5s) > 0);
  CHECK(ok_count(c) == c.log.outcomes.size());
}

TEST_CASE(
    "gateway dns upstreams: with the DNS server away the stale list serves for "
    "dns_stale_ttl, then requests fail with dns_failed") {
  Setup s(dns_config());
  auto& c = s.cluster;
  c.add_instance();
  c.add_instance();
  c.rt.advance(1s);
  c.external_callers = true;
  Caller& caller = c.add_caller("users-0", 0);
  caller.issue(Request{1});
  c.rt.advance(100ms);
  // The DNS server's host (the registry's) goes down; the instances keep serving.
  c.host_down(test::kComponentHost);
  c.traffic(caller, 4800ms, 100ms);  // fresh
  const std::size_t fresh_end = c.log.outcomes.size();
  CHECK(ok_count(c) == fresh_end);
  c.traffic(caller, 3500ms, 100ms);  // stale: the background refresh times out meanwhile
  CHECK(ok_count(c, fresh_end) == c.log.outcomes.size() - fresh_end);
  c.traffic(caller, 30s, 500ms);  // past TTL + stale_ttl: lookups fail
  std::size_t dns_failed = 0;
  for (std::size_t k = fresh_end; k < c.log.outcomes.size(); ++k)
    dns_failed += c.log.outcomes[k].cause == FailureCause::dns_failed && !c.log.outcomes[k].ok;
  CHECK(dns_failed > 0);
  CHECK(dns_source_of(s.pattern).errors() > 0);
}

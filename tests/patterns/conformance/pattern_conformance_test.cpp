// The conformance suite every DiscoveryPattern passes, on a fake cluster (fake_cluster.h).
// A new pattern adds one entry to patterns_under_test() with its bounds.
#include <catch2/catch.hpp>
#include <functional>

#include "patterns/api_gateway/api_gateway_pattern.h"
#include "patterns/central_lb/central_lb_pattern.h"
#include "patterns/client_side/client_side_pattern.h"
#include "patterns/dns_discovery/dns_pattern.h"
#include "patterns/per_host_proxy/per_host_proxy_pattern.h"
#include "tests/patterns/conformance/fake_cluster.h"

using namespace discolab;
using namespace std::chrono_literals;
using test::FakeCluster;

namespace {

struct PatternUnderTest {
  std::string name;
  std::function<std::unique_ptr<DiscoveryPattern>(Runtime&, BalancerKind)> make;
  Duration stop_bound;           // a stopped instance gets no new try this long after its goodbye
  Duration crash_bound;          // nor a crashed one this long after its crash
  bool survives_component_down;  // callers keep routing while the component's host is down
  // An intermediary that retries a failed backend try on another backend (an LB's redispatch):
  // callers see no failure from a crashed instance, only the intermediary's tries do.
  bool hides_backend_failures = false;
  bool external_callers = false;  // CallerInfo::external for every caller
};

ClientSideConfig client_side(BalancerKind kind) {
  ClientSideConfig c;
  c.registry_host = test::kComponentHost;
  c.server.eviction_interval = 1s;
  c.server.response_cache_refresh = 0s;
  c.server.catalog.expiry = registry::ExpiryRule::exact;
  c.registration.lease = 20s;
  c.registration.heartbeat_interval = 5s;
  c.poller.interval = 5s;
  c.balancer.kind = kind;
  return c;
}

// CoreDNS watching the registry, on the component host; clients resolve per request (glibc).
DnsPatternConfig dns_pattern(BalancerKind kind) {
  DnsPatternConfig c;
  c.registry_host = test::kComponentHost;
  c.dns_host = test::kComponentHost;
  c.server.eviction_interval = 1s;
  c.server.response_cache_refresh = 0s;
  c.server.catalog.expiry = registry::ExpiryRule::exact;
  c.registration.lease = 20s;
  c.registration.heartbeat_interval = 5s;
  c.feed = DnsFeed::watch;
  c.client_cache = DnsClientCache::none;
  c.balancer.kind = kind;
  return c;
}

// HAProxy-like: watch on the registry, checks every 2 s (fall 3), one redispatch.
CentralLbConfig central_lb(BalancerKind kind) {
  CentralLbConfig c;
  c.registry_host = test::kComponentHost;
  c.lb_host = test::kComponentHost;
  c.server.eviction_interval = 1s;
  c.server.response_cache_refresh = 0s;
  c.server.catalog.expiry = registry::ExpiryRule::exact;
  c.registration.self.lease = 20s;
  c.registration.self.heartbeat_interval = 5s;
  c.lb.source = LbSource::watch;
  c.lb.balancer.kind = kind;
  c.lb.retries = 1;
  c.lb.active_checks = ActiveHealthCheckConfig{};  // inter 2s, timeout 1s, fall 3, rise 2
  return c;
}

// Kong-like: the gateway is central-lb's LB under another role, with an L7 cost; internal
// callers use the client-side plugin with the same checks.
ApiGatewayConfig api_gateway(BalancerKind kind) {
  ApiGatewayConfig c;
  c.edge = central_lb(kind);
  c.edge.lb.service_time.mean = 400us;
  c.internal_poller.interval = 5s;
  c.internal_active_checks = c.edge.lb.active_checks;
  return c;
}

// SmartStack-like: a proxy on the callers' host watches the registry, checks every 2 s, one
// redispatch.
PerHostProxyConfig per_host_proxy(BalancerKind kind) {
  PerHostProxyConfig c;
  c.registry_host = test::kComponentHost;
  c.server.eviction_interval = 1s;
  c.server.response_cache_refresh = 0s;
  c.server.catalog.expiry = registry::ExpiryRule::exact;
  c.registration.self.lease = 20s;
  c.registration.self.heartbeat_interval = 5s;
  c.proxy.source = LbSource::watch;
  c.proxy.balancer.kind = kind;
  c.proxy.retries = 1;
  c.proxy.active_checks = ActiveHealthCheckConfig{};
  // The proxies outlive a registry restart, so their watch must notice a dead stream: the
  // registry pings every 2 s, a watcher silent for 5 s subscribes again (a ZooKeeper client's
  // session ping, as synapse's; the 600 s / 660 s defaults would outlast the test).
  c.server.watch_progress_interval = 2s;
  c.proxy.watcher.stream_timeout = 5s;
  return c;
}

std::vector<PatternUnderTest> patterns_under_test() {
  return {
      {"client-side",
       [](Runtime& rt, BalancerKind kind) {
         return std::make_unique<ClientSidePattern>(rt, client_side(kind));
       },
       5s + 100ms,             // the goodbye, then the next fetch
       20s + 1s + 5s + 100ms,  // the lease, the eviction sweep, the next fetch
       true},
      {"client-side, orchestrator registration",
       [](Runtime& rt, BalancerKind kind) {
         ClientSideConfig c = client_side(kind);
         c.registration_mode = RegistrationMode::orchestrator;
         c.orchestrator_host = test::kComponentHost;
         return std::make_unique<ClientSidePattern>(rt, c);
       },
       5s + 100ms,  // the scheduler's removal, then the next fetch
       5s + 100ms,  // the same: the scheduler sees the crash
       true},
      {"dns",
       [](Runtime& rt, BalancerKind kind) {
         return std::make_unique<DnsPattern>(rt, dns_pattern(kind));
       },
       100ms,             // the goodbye, the watch's push, the next request's lookup
       20s + 1s + 100ms,  // the lease, the eviction sweep, then as above
       false},            // no DNS server, no lookup: every request fails (dns_failed)
      {"central-lb",
       [](Runtime& rt, BalancerKind kind) {
         return std::make_unique<CentralLbPattern>(rt, central_lb(kind));
       },
       1s,           // the goodbye, then the watch's push: a few messages
       3 * 2s + 1s,  // three failed checks (refused at once), 2 s apart
       false,        // the LB shares the registry's host: its callers fail while it is down
       true},
      {"api-gateway, external callers",
       [](Runtime& rt, BalancerKind kind) {
         return std::make_unique<ApiGatewayPattern>(rt, api_gateway(kind));
       },
       1s,           // the goodbye, then the gateway's watch push
       3 * 2s + 1s,  // the gateway's three failed checks
       false,        // the gateway shares the registry's host
       true,         // the gateway redispatches
       true},
      {"api-gateway, internal callers",
       [](Runtime& rt, BalancerKind kind) {
         return std::make_unique<ApiGatewayPattern>(rt, api_gateway(kind));
       },
       5s + 100ms,   // the goodbye, then the caller's next fetch
       3 * 2s + 1s,  // the caller's three failed checks
       true},        // the caller keeps its last list while the registry is away
      {"per-host-proxy",
       [](Runtime& rt, BalancerKind kind) {
         return std::make_unique<PerHostProxyPattern>(rt, per_host_proxy(kind));
       },
       1s,           // the goodbye, then the watch's push to the caller's proxy
       3 * 2s + 1s,  // three failed checks by the proxy, 2 s apart
       true,         // the proxy on the callers' host keeps its last list
       true},        // the proxy redispatches a failed try
  };
}

struct Run {
  Run(const PatternUnderTest& p, std::uint64_t seed = 1,
      BalancerKind kind = BalancerKind::round_robin)
      : cluster(seed), pattern(p.make(cluster.rt, kind)) {
    cluster.external_callers = p.external_callers;
    cluster.attach(*pattern);
  }
  FakeCluster cluster;
  std::unique_ptr<DiscoveryPattern> pattern;
};

}  // namespace

TEST_CASE("conformance: a graceful stop leaves callers' routing within the pattern's bound",
          "[conformance]") {
  for (const auto& p : patterns_under_test()) {
    INFO(p.name);
    Run r(p);
    auto& c = r.cluster;
    const InstanceId a = c.add_instance();
    c.add_instance();
    c.add_instance();
    // The client joins a running cluster (sim/scenario: kClientJoinDelay): discovery has
    // heard of the instances (a DNS server asked first would answer NXDOMAIN, rightly).
    c.rt.advance(1s);
    Caller& caller = c.add_caller("users-0", 0);
    c.traffic(caller, 30s, 100ms);
    REQUIRE(c.log.tries_to(a) > 0);
    const SimTime stopped = c.rt.now();
    c.stop(a, p.stop_bound + 5s);  // drains longer than the bound: no request is lost
    c.traffic(caller, p.stop_bound + 10s, 100ms);
    CHECK(c.log.tries_to(a, stopped + p.stop_bound) == 0);
    for (const auto& o : c.log.outcomes) {
      INFO("request " << o.request_id << " at " << o.started.count() << ": " << to_string(o.cause));
      CHECK(o.ok);
    }
  }
}

TEST_CASE("conformance: a crash gives refusals, then the instance leaves routing",
          "[conformance]") {
  for (const auto& p : patterns_under_test()) {
    INFO(p.name);
    Run r(p);
    auto& c = r.cluster;
    const InstanceId a = c.add_instance();
    c.add_instance();
    Caller& caller = c.add_caller("users-0", 0);
    c.traffic(caller, 20s, 100ms);
    const std::size_t before = c.log.outcomes.size();
    const SimTime crashed = c.rt.now();
    c.crash(a);
    c.traffic(caller, p.crash_bound + 10s, 100ms);
    std::size_t refused = 0;
    for (std::size_t k = before; k < c.log.outcomes.size(); ++k) {
      const auto& o = c.log.outcomes[k];
      if (!o.ok) {
        CHECK((o.cause == FailureCause::refused || o.cause == FailureCause::timeout));
        CHECK(o.finished < crashed + p.crash_bound + 1s);
        ++refused;
      }
    }
    if (p.hides_backend_failures) {
      CHECK(refused == 0);                    // the intermediary retried elsewhere
      CHECK(c.log.tries_to(a, crashed) > 0);  // after trying the dead instance
    } else {
      CHECK(refused > 0);
    }
    CHECK(c.log.tries_to(a, crashed + p.crash_bound) == 0);
  }
}

TEST_CASE("conformance: a retry goes to another instance", "[conformance]") {
  for (const auto& p : patterns_under_test()) {
    INFO(p.name);
    Run r(p, 1, BalancerKind::random);  // round robin would move on by itself
    auto& c = r.cluster;
    const InstanceId a = c.add_instance();
    c.add_instance();
    c.add_instance();
    Caller& caller = c.add_caller("users-0", 1);
    c.traffic(caller, 20s, 100ms);
    const std::size_t before = c.log.outcomes.size();
    const std::size_t tries_before = c.log.tries.size();
    c.crash(a);  // still listed for a while: tries to it are refused
    c.traffic(caller, 3s, 100ms);
    c.rt.advance(2s);
    REQUIRE(c.log.outcomes.size() > before);
    for (std::size_t k = before; k < c.log.outcomes.size(); ++k) {
      CHECK(c.log.outcomes[k].ok);  // a retry to the dead instance again would fail
    }
    // Retried: more tries than requests, whoever retried (the caller or an intermediary).
    CHECK(c.log.tries.size() - tries_before > c.log.outcomes.size() - before);
  }
}

TEST_CASE("conformance: a component's host down, then back", "[conformance]") {
  for (const auto& p : patterns_under_test()) {
    INFO(p.name);
    Run r(p);
    auto& c = r.cluster;
    c.add_instance();
    c.add_instance();
    Caller& caller = c.add_caller("users-0", 1);
    c.traffic(caller, 20s, 100ms);
    const std::size_t before = c.log.outcomes.size();
    c.host_down(test::kComponentHost);
    c.traffic(caller, 20s, 100ms);
    std::size_t ok = 0, total = 0;
    for (std::size_t k = before; k < c.log.outcomes.size(); ++k, ++total) {
      ok += c.log.outcomes[k].ok;
    }
    CHECK(total > 0);
    CHECK(ok == (p.survives_component_down ? total : 0));
    // Back up: a new instance is routed to within the stop bound (discovery works again).
    c.host_up(test::kComponentHost);
    c.rt.advance(2s);
    const InstanceId b = c.add_instance();
    const SimTime added = c.rt.now();
    c.traffic(caller, p.stop_bound + 5s, 100ms);
    CHECK(c.log.tries_to(b, added) > 0);
  }
}

TEST_CASE("conformance: outcome feedback reaches the callers' balancer", "[conformance]") {
  for (const auto& p : patterns_under_test()) {
    INFO(p.name);
    Run r(p, 1, BalancerKind::least_request);
    auto& c = r.cluster;
    const InstanceId fast = c.add_instance(1ms);
    const InstanceId slow = c.add_instance(100ms);
    Caller& caller = c.add_caller("users-0", 0);
    c.traffic(caller, 10s, 10ms);  // the initial fetch, then the list
    const SimTime from = c.rt.now();
    c.traffic(caller, 20s, 10ms);
    const double to_slow = static_cast<double>(c.log.tries_to(slow, from));
    const double to_fast = static_cast<double>(c.log.tries_to(fast, from));
    // Least request sends to the slow instance only while it has fewer requests in flight;
    // without the answers' feedback the counts only grow and the split is even.
    CHECK(to_slow / (to_slow + to_fast) < 0.35);
  }
}

TEST_CASE("conformance: the same seed gives the same outcomes", "[conformance]") {
  for (const auto& p : patterns_under_test()) {
    INFO(p.name);
    auto outcomes = [&](std::uint64_t seed) {
      Run r(p, seed, BalancerKind::random);
      auto& c = r.cluster;
      const InstanceId a = c.add_instance();
      const InstanceId b = c.add_instance();
      c.add_instance();
      Caller& caller = c.add_caller("users-0", 1);
      c.traffic(caller, 10s, 50ms);
      c.crash(a);
      c.stop(b, 5s);
      c.traffic(caller, 30s, 50ms);
      std::vector<std::tuple<std::uint64_t, SimTime, bool, int, std::uint32_t>> out;
      for (const auto& o : c.log.outcomes) {
        out.emplace_back(o.request_id, o.finished, o.ok, static_cast<int>(o.cause), o.tries);
      }
      return std::make_pair(out, c.log.tries);
    };
    const auto first = outcomes(5);
    CHECK(first == outcomes(5));
    CHECK(first.second != outcomes(6).second);  // the seed does matter
  }
}

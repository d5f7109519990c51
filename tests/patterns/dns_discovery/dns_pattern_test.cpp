#include "patterns/dns_discovery/dns_pattern.h"

#include <catch2/catch.hpp>

#include "tests/patterns/conformance/fake_cluster.h"

using namespace discolab;
using namespace std::chrono_literals;
using test::FakeCluster;

namespace {

DnsPatternConfig config(DnsClientCache cache = DnsClientCache::none) {
  DnsPatternConfig c;
  c.registry_host = test::kComponentHost;
  c.dns_host = test::kComponentHost;
  c.server.eviction_interval = 1s;
  c.registration.lease = 20s;
  c.registration.heartbeat_interval = 5s;
  c.client_cache = cache;
  return c;
}

struct Run {
  explicit Run(DnsPatternConfig c) : pattern(cluster.rt, std::move(c)) { cluster.attach(pattern); }
  FakeCluster cluster;
  DnsPattern pattern;
};

std::size_t failed_with(const test::TrafficLog& log, FailureCause cause, std::size_t from = 0) {
  std::size_t n = 0;
  for (std::size_t k = from; k < log.outcomes.size(); ++k)
    n += !log.outcomes[k].ok && log.outcomes[k].cause == cause;
  return n;
}

}  // namespace

TEST_CASE("dns: a crashed DNS server process refuses: lookups fail at once, then recover",
          "[dns-pattern]") {
  Run r(config());
  auto& c = r.cluster;
  c.add_instance();
  c.add_instance();
  c.rt.advance(1s);
  Caller& caller = c.add_caller("users-0", 1);
  c.traffic(caller, 2s, 100ms);
  const std::size_t before = c.log.outcomes.size();
  REQUIRE(failed_with(c.log, FailureCause::dns_failed) == 0);
  r.pattern.component_down("dns-server");
  c.traffic(caller, 2s, 100ms);
  // Every request failed, within a few round trips (refused, not timed out).
  REQUIRE(c.log.outcomes.size() - before == 20);
  CHECK(failed_with(c.log, FailureCause::dns_failed, before) == 20);
  for (std::size_t k = before; k < c.log.outcomes.size(); ++k)
    CHECK(c.log.outcomes[k].finished - c.log.outcomes[k].started < 10ms);
  r.pattern.component_up("dns-server");
  c.rt.advance(100ms);  // the restarted server re-reads the registry
  const std::size_t after = c.log.outcomes.size();
  c.traffic(caller, 2s, 100ms);
  for (std::size_t k = after; k < c.log.outcomes.size(); ++k) CHECK(c.log.outcomes[k].ok);
}

TEST_CASE("dns: the DNS server's host down: lookups time out (5 s x 2), cached answers serve",
          "[dns-pattern]") {
  Run r(config(DnsClientCache::jvm));
  auto& c = r.cluster;
  c.add_instance();
  c.rt.advance(1s);
  Caller& caller = c.add_caller("users-0", 0);
  c.traffic(caller, 1s, 100ms);
  c.host_down(test::kComponentHost);
  c.traffic(caller, 20s, 100ms);  // the JVM's 30 s entry still answers
  for (const auto& o : c.log.outcomes) CHECK(o.ok);
  const std::size_t before = c.log.outcomes.size();
  c.traffic(caller, 15s, 1s);  // the entry expires: lookups go unanswered
  c.rt.advance(10s);
  REQUIRE(failed_with(c.log, FailureCause::dns_failed, before) > 0);
  // The first request after expiry started the lookup and waited for both 5 s tries; the
  // requests after it joined that lookup and failed with it.
  std::size_t k = before;
  while (c.log.outcomes[k].ok) ++k;
  const auto& first = c.log.outcomes[k];
  CHECK(first.finished - first.started == 10s);
  for (; k < c.log.outcomes.size(); ++k) {
    if (!c.log.outcomes[k].ok) CHECK(c.log.outcomes[k].finished == first.finished);
  }
}

TEST_CASE("dns: a crashed instance stays in answers until its lease expires", "[dns-pattern]") {
  Run r(config());
  auto& c = r.cluster;
  const InstanceId a = c.add_instance();
  c.add_instance();
  c.rt.advance(1s);
  Caller& caller = c.add_caller("users-0", 1);
  c.traffic(caller, 2s, 100ms);
  const SimTime crashed = c.rt.now();
  c.crash(a);
  c.traffic(caller, 30s, 100ms);
  // Self-registration: listed (and tried) until the 20 s lease and the 1 s sweep.
  CHECK(c.log.tries_to(a, crashed + 15s) > 0);
  CHECK(c.log.tries_to(a, crashed + 21s + 100ms) == 0);
}

TEST_CASE("dns: one node-local cache per caller host, between callers and the server",
          "[dns-pattern]") {
  DnsPatternConfig cfg = config();
  cfg.node_local = true;
  Run r(cfg);
  auto& c = r.cluster;
  c.add_instance();
  c.rt.advance(1s);
  Caller& one = c.add_caller("users-0", 0);
  Caller& two = c.add_caller("users-1", 0);
  c.traffic(one, 1s, 100ms);
  c.traffic(two, 1s, 100ms);
  for (const auto& o : c.log.outcomes) CHECK(o.ok);
  const dns::DnsResolver* cache = r.pattern.node_local(test::kCallerHost);
  REQUIRE(cache != nullptr);
  CHECK(r.pattern.source(0).resolver()->config().upstreams ==
        std::vector<EndpointId>{cache->endpoint()});
  CHECK(r.pattern.source(1).resolver()->config().upstreams ==
        std::vector<EndpointId>{cache->endpoint()});
  // 20 client lookups; the cache asked the server only when its 5 s entry was missing.
  CHECK(cache->stats().queries_served == 20);
  CHECK(cache->stats().tries_sent == 1);
  CHECK(r.pattern.dns_server()->stats().queries == 1);
}

#include "patterns/dns/dns_resolver.h"

#include <catch2/catch.hpp>

#include "patterns/core/manual_runtime.h"
#include "patterns/dns/dns_server.h"
#include "patterns/dns/dns_wire.h"
#include "tests/patterns/dns/dns_test_support.h"

using namespace discolab;
using namespace discolab::dns;
using namespace std::chrono_literals;
using testing::endpoints;

namespace {

constexpr Duration kNs{1};
const std::string kWeb = "web.service.discolab";

// A server on host 0 and a resolver on host 1; messages take 1 ms each way.
struct Fixture {
  explicit Fixture(DnsResolverConfig cfg, DnsServerConfig server_cfg = DnsServerConfig{}) {
    rt.set_observer(obs);
    server = std::make_unique<DnsServer>(rt, 0, server_cfg, book);
    cfg.upstreams = {server->endpoint()};
    resolver = std::make_unique<DnsResolver>(rt, 1, cfg, book);
  }
  // Resolves and records the result (and when it came) in `results`.
  void resolve(const std::string& name, RrType type = RrType::a) {
    resolver->resolve(name, type, [this](const ResolveResult& r) {
      results.push_back(r);
      when.push_back(rt.now());
    });
  }
  std::vector<InstanceId> instances(std::size_t i) const {
    return instance_ids(*results.at(i).endpoints);
  }

  ManualRuntime rt{1, 1ms};
  testing::RecordingObserver obs;
  std::shared_ptr<AddressBook> book = std::make_shared<AddressBook>();
  std::unique_ptr<DnsServer> server;
  std::unique_ptr<DnsResolver> resolver;
  std::vector<ResolveResult> results;
  std::vector<SimTime> when;
};

DnsResolverConfig cached(Duration stale = 0s) {
  DnsResolverConfig c = DnsResolverConfig::glibc({});
  c.name = "client-1";
  c.cache = DnsCacheConfig::coredns();
  c.cache.stale_ttl = stale;
  return c;
}

}  // namespace

TEST_CASE("glibc: no cache, every lookup asks the server and gets its rotated order",
          "[dns][resolver]") {
  Fixture f(DnsResolverConfig::glibc({}));
  f.server->set_service("web", endpoints(3));
  f.resolve(kWeb);
  REQUIRE(f.results.empty());  // a miss answers later
  f.rt.advance(2ms);
  REQUIRE(f.results.size() == 1);
  REQUIRE(f.results[0].status == ResolveStatus::ok);
  REQUIRE_FALSE(f.results[0].from_cache);
  REQUIRE(f.instances(0) == std::vector<InstanceId>{1, 2, 3});
  f.resolve(kWeb);
  f.rt.advance(2ms);
  REQUIRE(f.instances(1) == std::vector<InstanceId>{2, 3, 1});
  REQUIRE(f.server->stats().queries == 2);
  REQUIRE(f.obs.views.size() == 1);  // only the server's view: no cache, no view
}

TEST_CASE("timeout and attempts: tries at 0 s and 5 s, failure at 10 s (glibc 5 s x 2)",
          "[dns][resolver]") {
  Fixture f(DnsResolverConfig::glibc({}));
  f.rt.set_host_up(0, false);
  f.resolve(kWeb);
  f.rt.advance(5s - kNs);
  REQUIRE(f.resolver->stats().tries_sent == 1);
  f.rt.advance(kNs);
  REQUIRE(f.resolver->stats().tries_sent == 2);
  f.rt.advance(5s - kNs);
  REQUIRE(f.results.empty());
  f.rt.advance(kNs);
  REQUIRE(f.results.size() == 1);
  REQUIRE(f.when[0] == 10s);
  REQUIRE(f.results[0].status == ResolveStatus::failed);
  REQUIRE(f.resolver->stats().timeouts == 2);
  REQUIRE(f.rt.pending() == 0);
}

TEST_CASE("tries go round the upstreams, a late answer to an earlier try is taken",
          "[dns][resolver]") {
  ManualRuntime rt(1, 1ms);
  std::vector<std::pair<SimTime, int>> seen;
  std::vector<std::shared_ptr<const std::vector<std::uint8_t>>> first_query;
  const EndpointId up0 = rt.open(5, "fake-dns", [&](const Message& m) {
    seen.emplace_back(rt.now(), 0);
    if (first_query.empty()) first_query.push_back(std::any_cast<const DnsPacket&>(m.body).bytes);
  });
  const EndpointId up1 =
      rt.open(6, "fake-dns", [&](const Message&) { seen.emplace_back(rt.now(), 1); });
  DnsResolverConfig cfg = DnsResolverConfig::glibc({up0, up1});
  cfg.timeout = 2s;
  DnsResolver resolver(rt, 1, cfg, nullptr);
  std::vector<ResolveResult> results;
  resolver.resolve(kWeb, RrType::a, [&](const ResolveResult& r) { results.push_back(r); });
  rt.advance(7s);
  using Seen = std::vector<std::pair<SimTime, int>>;
  REQUIRE(seen == Seen{{1ms, 0}, {2s + 1ms, 1}, {4s + 1ms, 0}, {6s + 1ms, 1}});
  REQUIRE(results.empty());
  // up0 answers the very first try now (late): the lookup ends with it.
  DnsMessage answer = decode(*first_query[0]).message;
  answer.header.qr = true;
  answer.answers.push_back(make_a(kWeb, 5, 0x0A000001));
  rt.send(make_dns_message(up0, resolver.endpoint(), encode(answer), Transport::udp));
  rt.advance(1ms);
  REQUIRE(results.size() == 1);
  REQUIRE(results[0].status == ResolveStatus::ok);
  REQUIRE(results[0].endpoints->at(0).address == 1u);
}

TEST_CASE("SERVFAIL moves to the next try at once, a closed upstream too", "[dns][resolver]") {
  ManualRuntime rt(1, 1ms);
  EndpointId up0 = kNoEndpoint;
  up0 = rt.open(5, "fake-dns", [&](const Message& m) {
    DnsMessage reply = decode(*std::any_cast<const DnsPacket&>(m.body).bytes).message;
    reply.header.qr = true;
    reply.header.rcode = Rcode::server_failure;
    rt.send(make_dns_message(up0, m.from, encode(reply), Transport::udp));
  });
  const EndpointId closed = rt.open(6, "fake-dns", [](const Message&) {});
  rt.close(closed);
  DnsResolver resolver(rt, 1, DnsResolverConfig::glibc({up0, closed}), nullptr);
  std::vector<SimTime> failed_at;
  resolver.resolve(kWeb, RrType::a, [&](const ResolveResult& r) {
    REQUIRE(r.status == ResolveStatus::failed);
    failed_at.push_back(rt.now());
  });
  rt.run_all();
  // Four tries of one round trip (2 ms) each: SERVFAIL, refused, SERVFAIL, refused.
  REQUIRE(failed_at == std::vector<SimTime>{8ms});
  REQUIRE(resolver.stats().tries_sent == 4);
  REQUIRE(resolver.stats().timeouts == 0);
}

TEST_CASE("a cached answer is served until the exact instant it expires", "[dns][resolver]") {
  Fixture f(cached());  // CoreDNS cache: min TTL 5 s; the server's TTL is 5 s
  f.server->set_service("web", endpoints(2));
  f.resolve(kWeb);
  f.rt.advance(2ms);  // the answer arrives at 2 ms and lives until 5.002 s
  REQUIRE(f.results.at(0).ttl_left == 5s);
  f.rt.run_until(5s + 2ms - kNs);
  f.resolve(kWeb);
  REQUIRE(f.results.size() == 2);  // answered inside resolve()
  REQUIRE(f.results[1].from_cache);
  REQUIRE(f.results[1].ttl_left == kNs);
  REQUIRE(f.server->stats().queries == 1);
  f.rt.run_until(5s + 2ms);
  f.resolve(kWeb);
  REQUIRE(f.results.size() == 2);  // expired: goes to the server
  f.rt.advance(2ms);
  REQUIRE(f.results.size() == 3);
  REQUIRE(f.server->stats().queries == 2);
}

TEST_CASE("a negative answer is cached for the SOA's negative TTL", "[dns][resolver]") {
  DnsServerConfig server_cfg;
  server_cfg.negative_ttl = 20s;
  Fixture f(cached(), server_cfg);  // CoreDNS cache: denial up to 1800 s, min 5 s
  f.resolve("nope.service.discolab");
  f.rt.advance(2ms);
  REQUIRE(f.results.at(0).status == ResolveStatus::not_found);
  f.rt.run_until(20s + 2ms - kNs);
  f.resolve("nope.service.discolab");
  REQUIRE(f.results.size() == 2);
  REQUIRE(f.results[1].from_cache);
  REQUIRE(f.results[1].status == ResolveStatus::not_found);
  f.rt.run_until(20s + 2ms);
  f.resolve("nope.service.discolab");
  REQUIRE(f.results.size() == 2);
  f.rt.advance(2ms);
  REQUIRE(f.server->stats().queries == 2);
}

TEST_CASE("serve-stale: an expired answer is served when the upstream fails, within the window",
          "[dns][resolver]") {
  Fixture f(cached(60s));
  f.server->set_service("web", endpoints(2));
  f.resolve(kWeb);
  f.rt.advance(2ms);
  f.rt.set_host_up(0, false);
  f.rt.run_until(6s);  // expired at 5.002 s
  f.resolve(kWeb);
  f.rt.advance(10s - kNs);
  REQUIRE(f.results.size() == 1);
  f.rt.advance(kNs);  // both tries timed out at 16 s
  REQUIRE(f.results.size() == 2);
  REQUIRE(f.results[1].status == ResolveStatus::ok);
  REQUIRE(f.results[1].stale);
  REQUIRE(f.instances(1) == std::vector<InstanceId>{1, 2});
  REQUIRE(f.resolver->stats().stale_served == 1);
  f.rt.run_until(65s + 2ms);  // the stale window ended: nothing left to serve
  f.resolve(kWeb);
  f.rt.advance(10s);
  REQUIRE(f.results.at(2).status == ResolveStatus::failed);
}

TEST_CASE("concurrent lookups of one name share one query", "[dns][resolver]") {
  Fixture f(cached());
  f.server->set_service("web", endpoints(2));
  f.resolve(kWeb);
  f.resolve(kWeb);
  f.resolve(kWeb, RrType::srv);
  f.rt.advance(2ms);
  REQUIRE(f.results.size() == 3);
  REQUIRE(f.server->stats().queries == 2);
  REQUIRE(f.resolver->stats().tries_sent == 2);
}

TEST_CASE("a truncated UDP answer is asked again over TCP", "[dns][resolver]") {
  Fixture f(cached());
  f.server->set_service("web", endpoints(20));
  f.resolve(kWeb, RrType::srv);
  f.rt.advance(2ms);
  REQUIRE(f.results.empty());
  f.rt.advance(2ms);
  REQUIRE(f.results.size() == 1);
  REQUIRE(f.results[0].endpoints->size() == 20);
  REQUIRE(f.resolver->stats().tcp_retries == 1);
  REQUIRE(f.server->stats().truncated == 1);
  REQUIRE(f.rt.traffic("dns-server").bytes > 900);

  SECTION("without TCP fallback the partial answer is used, and not cached") {
    DnsResolverConfig cfg = cached();
    cfg.tcp_on_truncation = false;
    Fixture g(cfg);
    g.server->set_service("web", endpoints(20));
    g.resolve(kWeb, RrType::srv);
    g.rt.advance(2ms);
    REQUIRE(g.results.size() == 1);
    REQUIRE(g.results[0].endpoints->size() < 20);
    REQUIRE(g.resolver->cache().size() == 0);
  }
}

TEST_CASE("the cached view opens with the answer, follows changes and closes at expiry",
          "[dns][resolver]") {
  Fixture f(cached());
  f.server->set_service("web", endpoints(2));
  f.resolve(kWeb);
  f.rt.advance(2ms);
  REQUIRE(f.obs.views.size() == 2);
  const auto& view = f.obs.views[1];
  REQUIRE(view.component == "dns-client/client-1");
  REQUIRE(view.service == "web");
  using Ids = std::vector<std::vector<InstanceId>>;
  REQUIRE(view.changes == Ids{{1, 2}});
  f.server->set_service("web", endpoints(3, 2));  // the server knows; the cache does not yet
  f.rt.run_until(5s + 2ms - kNs);
  REQUIRE_FALSE(f.obs.views[1].closed);
  f.rt.advance(kNs);
  REQUIRE(f.obs.views[1].closed);  // expired: the resolver holds no view any more
  REQUIRE(f.resolver->cache().size() == 0);
  f.resolve(kWeb);
  f.rt.advance(2ms);
  REQUIRE(f.obs.views.size() == 3);
  REQUIRE(f.obs.views[2].changes == Ids{{2, 3, 4}});
}

TEST_CASE("node-local cache: answers clients from its cache with the time left",
          "[dns][resolver]") {
  DnsResolverConfig cfg = DnsResolverConfig::node_local({});
  cfg.name = "node-local-dns@host-1";
  DnsServerConfig server_cfg;
  server_cfg.ttl = 30s;
  Fixture f(cfg, server_cfg);
  f.server->set_service("web", endpoints(3));
  std::vector<DnsMessage> answers;
  const EndpointId app = f.rt.open(1, "client", [&](const Message& m) {
    answers.push_back(decode(*std::any_cast<const DnsPacket&>(m.body).bytes).message);
  });
  auto ask = [&](std::uint16_t id, std::string name) {
    DnsMessage q;
    q.header.id = id;
    q.header.rd = true;
    q.questions.push_back(Question{std::move(name), RrType::a, kClassIn});
    f.rt.send(make_dns_message(app, f.resolver->endpoint(), encode(q), Transport::udp));
  };
  ask(1, kWeb);
  f.rt.advance(4ms);  // app -> cache -> server (TCP) -> cache -> app
  REQUIRE(answers.size() == 1);
  REQUIRE(answers[0].header.id == 1);
  REQUIRE(answers[0].header.ra);
  REQUIRE(answers[0].answers.size() == 3);
  REQUIRE(answers[0].answers[0].ttl_s == 30);             // NodeLocal's max success TTL is 30 s
  REQUIRE(f.rt.traffic("node-local-dns").messages == 2);  // a query upstream, an answer to the app

  f.rt.run_until(12s);
  ask(2, kWeb);
  f.rt.advance(2ms);
  REQUIRE(answers.size() == 2);
  REQUIRE(answers[1].answers[0].ttl_s == 18);  // 30.003 s - 12.001 s, rounded down
  REQUIRE(f.server->stats().queries == 1);
  REQUIRE(f.resolver->stats().queries_served == 2);

  f.rt.set_host_up(0, false);
  ask(3, "other.service.discolab");
  f.rt.advance(11s);
  REQUIRE(answers.size() == 3);
  REQUIRE(answers[2].header.rcode == Rcode::server_failure);
}

TEST_CASE("JVM cache over Consul's TTL 0: the answer is kept 30 s anyway", "[dns][resolver]") {
  DnsResolverConfig cfg = DnsResolverConfig::jvm({});
  cfg.name = "orders-1";
  DnsServerConfig consul = DnsServerConfig::consul();
  consul.naming.domain = "discolab";
  Fixture f(cfg, consul);
  f.server->set_service("web", endpoints(2));
  f.resolve(kWeb);
  f.rt.advance(2ms);
  REQUIRE(f.results.at(0).response->answers.at(0).ttl_s == 0);
  REQUIRE(f.results[0].ttl_left == 30s);
  f.rt.run_until(30s + 2ms - kNs);
  f.resolve(kWeb);
  REQUIRE(f.results.size() == 2);
  REQUIRE(f.results[1].from_cache);
  REQUIRE_FALSE(f.obs.views[1].closed);
  f.rt.advance(kNs);
  REQUIRE(f.obs.views[1].closed);
}

TEST_CASE("an entry evicted for capacity closes its view", "[dns][resolver]") {
  DnsResolverConfig cfg = cached();
  cfg.cache.capacity = 1;
  Fixture f(cfg);
  f.server->set_service("web", endpoints(2));
  f.server->set_service("api", endpoints(1, 9));
  f.resolve(kWeb);
  f.rt.advance(2ms);
  f.resolve("api.service.discolab");
  f.rt.advance(2ms);
  REQUIRE(f.obs.views.size() == 4);  // two server views, two cache views
  REQUIRE(f.obs.views[2].service == "web");
  REQUIRE(f.obs.views[2].closed);
  REQUIRE(f.obs.views[3].service == "api");
  REQUIRE_FALSE(f.obs.views[3].closed);
  REQUIRE(f.resolver->cache().size() == 1);
  f.rt.run_all();  // the evicted entry's expiry timer was cancelled: nothing fires twice
  REQUIRE(f.obs.views[3].closed);
}

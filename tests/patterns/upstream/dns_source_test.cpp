#include "patterns/upstream/dns_source.h"

#include <catch2/catch.hpp>

#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"
#include "patterns/dns/dns_server.h"
#include "patterns/upstream/upstream_caller.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

// Views and outcomes, as the metrics see them.
struct Log final : Observer {
  std::map<std::string, std::vector<std::vector<InstanceId>>> views;
  std::vector<std::string> names;
  std::vector<RequestOutcome> outcomes;
  std::vector<InstanceId> tries;
  ViewId view_opened(std::string_view component, std::string_view) override {
    names.emplace_back(component);
    return static_cast<ViewId>(names.size() - 1);
  }
  void view_changed(ViewId v, std::span<const InstanceId> ids) override {
    views[names.at(v)].emplace_back(ids.begin(), ids.end());
  }
  void view_closed(ViewId) override {}
  void try_sent(InstanceId target, CallerTag) override { tries.push_back(target); }
  void request_done(const RequestOutcome& o) override { outcomes.push_back(o); }
  void count(std::string_view, std::uint64_t) override {}
};

struct Listener final : SourceListener {
  std::vector<EndpointListPtr> lists;
  int settles = 0;
  void endpoints_changed(const EndpointListPtr& list) override { lists.push_back(list); }
  void settled() override { ++settles; }
};

std::vector<InstanceId> ids_of(const EndpointList& list) {
  std::vector<InstanceId> ids;
  for (const ServiceEndpoint& e : list) ids.push_back(e.instance);
  return ids;
}

// A DNS server on host 0 (TTL `ttl`) serving "web": instances 1..3 on hosts 1..3 that answer
// every request in 1 ms; the client on host 9. Messages take 1 ms.
struct Fixture {
  explicit Fixture(Duration ttl = 5s) {
    rt.set_observer(log);
    dns::DnsServerConfig c = dns::DnsServerConfig::coredns();
    c.ttl = ttl;
    c.negative_ttl = ttl;
    server = std::make_unique<dns::DnsServer>(rt, 0, c, book);
    auto list = std::make_shared<EndpointList>();
    for (InstanceId id = 1; id <= 3; ++id) {
      const EndpointId ep = rt.open(id, "instance", [this](const Message& m) {
        const auto* r = std::any_cast<RequestMsg>(&m.body);
        if (r == nullptr) return;
        rt.send(Message{m.to, m.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                        ResponseMsg{r->try_id}});
      });
      list->push_back(ServiceEndpoint{id, ep, id, 1, 0});
    }
    server->set_service("web", list);
  }

  DnsSourceConfig source_config(dns::DnsResolverConfig resolver) const {
    resolver.upstreams = {server->endpoint()};
    return DnsSourceConfig{"client/users-0", "web", std::move(resolver)};
  }
  std::unique_ptr<DnsSource> source(dns::DnsResolverConfig resolver) {
    return std::make_unique<DnsSource>(rt, 9, source_config(std::move(resolver)), book);
  }
  UpstreamCaller& caller(dns::DnsResolverConfig resolver, std::uint32_t retries = 0) {
    CallerInfo info{"users-0", "users", 9, "web", 500ms, retries};
    UpstreamConfig up;
    up.name = "client/users-0";
    up.service = "web";
    up.balancer.kind = BalancerKind::dns_rotated;
    auto s = source(std::move(resolver));
    dns_source = s.get();
    callers.push_back(std::make_unique<UpstreamCaller>(rt, info, up, std::move(s)));
    callers.back()->start();
    return *callers.back();
  }
  // Lookups that left the client (queries to the server).
  std::uint64_t queries() const { return dns_source->resolver()->stats().tries_sent; }

  ManualRuntime rt{1, 1ms};
  Log log;
  std::shared_ptr<dns::AddressBook> book = std::make_shared<dns::AddressBook>();
  std::unique_ptr<dns::DnsServer> server;
  DnsSource* dns_source = nullptr;
  std::vector<std::unique_ptr<UpstreamCaller>> callers;
};

dns::DnsResolverConfig ttl_cache() {
  dns::DnsResolverConfig c = dns::DnsResolverConfig::glibc({});
  c.cache = dns::DnsCacheConfig{};
  return c;
}

}  // namespace

TEST_CASE("a DNS source is pending while its lookup is in flight, the answer keeps its order",
          "[upstream][dns-source]") {
  Fixture f;
  auto source = f.source(dns::DnsResolverConfig::glibc({}));
  Listener l;
  source->start(l, SourceView::report);
  CHECK_FALSE(source->pending());  // nothing is resolved before a request needs it
  source->prepare(PickNeed::fresh);
  CHECK(source->pending());
  source->prepare(PickNeed::fresh);  // joins the lookup in flight
  f.rt.advance(1ms);
  CHECK(source->pending());
  f.rt.advance(1ms);  // query and answer: one round trip
  CHECK_FALSE(source->pending());
  CHECK(l.settles == 1);
  REQUIRE(l.lists.size() == 1);
  CHECK(ids_of(*l.lists[0]) == std::vector<InstanceId>{1, 2, 3});
  CHECK(source->answered());
  CHECK(source->resolver()->stats().tries_sent == 1);
  // The server rotates: the next answer starts one further along, and is the list.
  source->prepare(PickNeed::fresh);
  f.rt.advance(2ms);
  REQUIRE(l.lists.size() == 2);
  CHECK(ids_of(*l.lists[1]) == std::vector<InstanceId>{2, 3, 1});
  // One view, the client's, opened empty and changed once: the set did not change after.
  CHECK(f.log.views.at("client/users-0") == std::vector<std::vector<InstanceId>>{{}, {1, 2, 3}});
  // A retry goes on with the answer held: no lookup.
  source->prepare(PickNeed::held);
  CHECK_FALSE(source->pending());
}

TEST_CASE("parked tries resume with the answer they waited for, the next request looks up again",
          "[upstream][dns-source]") {
  Fixture f;
  UpstreamCaller& c = f.caller(dns::DnsResolverConfig::glibc({}));
  c.issue(Request{1});
  c.issue(Request{2});
  c.issue(Request{3});
  CHECK(c.caller().waiting() == 3);
  f.rt.advance(10ms);
  REQUIRE(f.log.outcomes.size() == 3);
  for (const auto& o : f.log.outcomes) CHECK(o.ok);
  CHECK(f.queries() == 1);  // one lookup served the three, no endless re-lookups
  // The first answer began with instance 1: the requests went along it (dns-rotated).
  CHECK(f.log.tries == std::vector<InstanceId>{1, 2, 3});
  c.issue(Request{4});
  CHECK(c.caller().waiting() == 1);  // no cache: a new request resolves again
  f.rt.advance(10ms);
  CHECK(f.queries() == 2);
  CHECK(f.log.tries.back() == 2);  // the server's next answer begins with instance 2
}

TEST_CASE("a failed lookup fails the waiting tries, after the resolver's timeouts or at once",
          "[upstream][dns-source]") {
  SECTION("DNS server's host down: no answer, 5 s x 2 tries") {
    Fixture f;
    UpstreamCaller& c = f.caller(dns::DnsResolverConfig::glibc({}));
    f.rt.set_host_up(0, false);
    c.issue(Request{1});
    c.issue(Request{2});
    f.rt.advance(9s);
    CHECK(f.log.outcomes.empty());
    f.rt.advance(2s);
    REQUIRE(f.log.outcomes.size() == 2);
    for (const auto& o : f.log.outcomes) {
      CHECK_FALSE(o.ok);
      CHECK(o.cause == FailureCause::dns_failed);
      CHECK(o.finished - o.started == 10s);
      CHECK(o.tries == 0);
    }
    CHECK(f.dns_source->errors() == 1);
    // Back up: the next request resolves and succeeds.
    f.rt.set_host_up(0, true);
    c.issue(Request{3});
    f.rt.advance(10ms);
    REQUIRE(f.log.outcomes.size() == 3);
    CHECK(f.log.outcomes.back().ok);
  }
  SECTION("DNS server process gone: refused, fails within a few round trips") {
    Fixture f;
    UpstreamCaller& c = f.caller(dns::DnsResolverConfig::glibc({}));
    c.issue(Request{1});
    f.rt.advance(10ms);
    f.server.reset();  // the process crashed: its port is closed
    c.issue(Request{2});
    f.rt.advance(10ms);
    REQUIRE(f.log.outcomes.size() == 2);
    CHECK(f.log.outcomes[0].ok);
    CHECK_FALSE(f.log.outcomes[1].ok);  // the list held before does not help
    CHECK(f.log.outcomes[1].cause == FailureCause::dns_failed);
    CHECK(f.log.outcomes[1].finished - f.log.outcomes[1].started <= 4ms);
  }
}

TEST_CASE("client caches: none resolves per request, ttl follows the record, jvm fixes 30 s",
          "[upstream][dns-source]") {
  // Requests at 0, 3, 6, 20, 40 s; what each cache sends to the server.
  auto queries = [](dns::DnsResolverConfig resolver, Duration record_ttl) {
    Fixture f(record_ttl);
    UpstreamCaller& c = f.caller(std::move(resolver));
    SimTime last{};
    std::uint64_t n = 0;
    for (const Duration at : {0s, 3s, 6s, 20s, 40s}) {
      f.rt.advance(SimTime{at} - last);
      last = SimTime{at} + 10ms;
      c.issue(Request{++n});
      f.rt.advance(10ms);
    }
    REQUIRE(f.log.outcomes.size() == 5);
    for (const auto& o : f.log.outcomes) CHECK(o.ok);
    return f.queries();
  };
  CHECK(queries(dns::DnsResolverConfig::glibc({}), 5s) == 5);
  CHECK(queries(ttl_cache(), 5s) == 4);                      // 0, 6, 20, 40: 3 s was fresh
  CHECK(queries(ttl_cache(), 0s) == 5);                      // TTL 0 is not cached
  CHECK(queries(dns::DnsResolverConfig::jvm({}), 5s) == 2);  // 0 and 40: 30 s, whatever the TTL
  CHECK(queries(dns::DnsResolverConfig::jvm({}), 0s) == 2);
}

TEST_CASE("a jvm cache keeps routing to an instance the server no longer lists",
          "[upstream][dns-source]") {
  Fixture f(5s);
  UpstreamCaller& c = f.caller(dns::DnsResolverConfig::jvm({}));
  c.issue(Request{1});
  f.rt.advance(10ms);
  // Instance 1 leaves the server's answers; the client's cached answer still names it.
  auto rest = std::make_shared<EndpointList>();
  for (const ServiceEndpoint& e : *f.dns_source->endpoints())
    if (e.instance != 1) rest->push_back(e);
  std::sort(rest->begin(), rest->end(),
            [](const auto& a, const auto& b) { return a.instance < b.instance; });
  f.server->set_service("web", rest);
  for (std::uint64_t k = 2; k <= 4; ++k) {
    c.issue(Request{k});
    f.rt.advance(1s);
  }
  CHECK(std::count(f.log.tries.begin() + 1, f.log.tries.end(), InstanceId{1}) == 1);
  CHECK(f.log.views.at("client/users-0").back() == std::vector<InstanceId>{1, 2, 3});
  f.rt.advance(30s);  // the JVM's entry expires: the next request sees the server's list
  c.issue(Request{5});
  f.rt.advance(10ms);
  CHECK(f.log.views.at("client/users-0").back() == std::vector<InstanceId>{2, 3});
  CHECK(f.log.tries.back() != 1);
}

TEST_CASE("a remembered failure fails requests at once until it expires, retries keep going",
          "[upstream][dns-source]") {
  Fixture f;
  dns::DnsResolverConfig jvm = dns::DnsResolverConfig::jvm({});
  jvm.cache.fixed_ttl = 1s;
  CallerInfo info{"users-0", "users", 9, "web", 500ms, 0};
  UpstreamConfig up;
  up.name = "client/users-0";
  up.service = "web";
  DnsSourceConfig sc = f.source_config(jvm);
  sc.failure_ttl = 10s;  // the JVM's networkaddress.cache.negative.ttl
  auto source = std::make_unique<DnsSource>(f.rt, 9, sc, f.book);
  DnsSource& s = *source;
  UpstreamCaller c(f.rt, info, up, std::move(source));
  c.start();
  c.issue(Request{1});
  f.rt.advance(10ms);
  REQUIRE(f.log.outcomes.back().ok);
  f.rt.set_host_up(0, false);
  f.rt.advance(2s);  // the 1 s entry expired
  c.issue(Request{2});
  f.rt.advance(10s);  // 5 s x 2 unanswered
  REQUIRE(f.log.outcomes.size() == 2);
  CHECK(f.log.outcomes[1].cause == FailureCause::dns_failed);
  f.rt.set_host_up(0, true);
  const std::uint64_t lookups = s.lookups();
  c.issue(Request{3});  // within 10 s of the failure: fails at once, asks nobody
  CHECK(s.lookups() == lookups);
  REQUIRE(f.log.outcomes.size() == 3);
  CHECK(f.log.outcomes[2].cause == FailureCause::dns_failed);
  CHECK(f.log.outcomes[2].finished == f.log.outcomes[2].started);
  // A retry of a request that had an answer is not failed by the remembered failure.
  s.prepare(PickNeed::held);
  CHECK_FALSE(s.failure());
  f.rt.advance(10s);
  c.issue(Request{4});  // remembered no longer: resolves and succeeds
  f.rt.advance(10ms);
  REQUIRE(f.log.outcomes.size() == 4);
  CHECK(f.log.outcomes[3].ok);
  CHECK(s.lookups() == lookups + 1);
}

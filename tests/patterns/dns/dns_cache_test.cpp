#include "patterns/dns/dns_cache.h"

#include <catch2/catch.hpp>

using namespace discolab;
using namespace discolab::dns;
using namespace std::chrono_literals;

namespace {

constexpr Duration kNs{1};

CachedAnswer positive(std::vector<std::uint32_t> ttls_s) {
  DnsMessage m;
  m.header.qr = true;
  m.questions.push_back(Question{"web.service.discolab", RrType::a, kClassIn});
  std::uint32_t ip = 0x0A000001;
  for (const auto ttl : ttls_s) m.answers.push_back(make_a("web.service.discolab", ttl, ip++));
  return CachedAnswer{std::make_shared<const DnsMessage>(std::move(m)),
                      std::make_shared<const EndpointList>(), false};
}

CachedAnswer negative(Rcode rcode,
                      std::optional<std::pair<std::uint32_t, std::uint32_t>> soa_ttl_min) {
  DnsMessage m;
  m.header.qr = true;
  m.header.rcode = rcode;
  if (soa_ttl_min) {
    m.authority.push_back(
        make_soa("discolab", soa_ttl_min->first,
                 SoaRecord{"ns.discolab", "h.discolab", 1, 1, 1, 1, soa_ttl_min->second}));
  }
  return CachedAnswer{std::make_shared<const DnsMessage>(std::move(m)),
                      std::make_shared<const EndpointList>(), true};
}

DnsCacheConfig plain() {
  DnsCacheConfig c;
  c.capacity = 100;
  c.max_ttl = 3600s;
  return c;
}

const DnsCacheKey kWeb = make_key("Web.Service.Discolab.", RrType::a);

}  // namespace

TEST_CASE("a positive entry lives for its smallest answer TTL and expires at that instant",
          "[dns][cache]") {
  DnsCache cache(plain());
  const SimTime t0 = 100s;
  REQUIRE(cache.insert(kWeb, positive({30, 10, 20}), t0).entry != nullptr);
  REQUIRE(cache.lookup(kWeb, t0).state == CacheState::fresh);
  REQUIRE(cache.lookup(kWeb, t0 + 10s - kNs).state == CacheState::fresh);
  REQUIRE(cache.lookup(kWeb, t0 + 10s).state == CacheState::miss);
  REQUIRE(cache.lookup(make_key("web.service.discolab", RrType::srv), t0).state ==
          CacheState::miss);
  REQUIRE(kWeb.name == "web.service.discolab");
}

TEST_CASE("answer TTLs are clamped to [min_ttl, max_ttl]", "[dns][cache]") {
  DnsCacheConfig c = plain();
  c.min_ttl = 5s;
  c.max_ttl = 30s;
  DnsCache cache(c);
  REQUIRE(cache.ttl_for(*positive({0}).response) == 5s);
  REQUIRE(cache.ttl_for(*positive({2}).response) == 5s);
  REQUIRE(cache.ttl_for(*positive({12}).response) == 12s);
  REQUIRE(cache.ttl_for(*positive({300}).response) == 30s);
  REQUIRE(cache.ttl_for(*positive({0x80000000u}).response) == 5s);  // RFC 2181 8: top bit means 0
  cache.insert(kWeb, positive({300}), 0s);
  REQUIRE(cache.lookup(kWeb, 30s - kNs).state == CacheState::fresh);
  REQUIRE(cache.lookup(kWeb, 30s).state == CacheState::miss);
  DnsCacheConfig bad = plain();
  bad.min_ttl = 60s;
  bad.max_ttl = 30s;
  REQUIRE_THROWS_AS(DnsCache(bad), std::invalid_argument);
}

TEST_CASE("negative answers live for min(SOA TTL, SOA minimum), clamped, never without SOA",
          "[dns][cache]") {
  DnsCacheConfig c = plain();
  c.max_negative_ttl = 5s;
  DnsCache cache(c);
  REQUIRE(cache.ttl_for(*negative(Rcode::name_error, std::pair{3u, 60u}).response) == 3s);
  REQUIRE(cache.ttl_for(*negative(Rcode::name_error, std::pair{60u, 4u}).response) == 4s);
  REQUIRE(cache.ttl_for(*negative(Rcode::name_error, std::pair{60u, 60u}).response) == 5s);
  REQUIRE(cache.ttl_for(*negative(Rcode::no_error, std::pair{2u, 2u}).response) == 2s);  // NODATA
  REQUIRE_FALSE(cache.ttl_for(*negative(Rcode::name_error, std::nullopt).response));
  REQUIRE_FALSE(cache.ttl_for(*negative(Rcode::server_failure, std::pair{60u, 60u}).response));

  cache.insert(kWeb, negative(Rcode::name_error, std::pair{60u, 4u}), 10s);
  const CacheLookup hit = cache.lookup(kWeb, 14s - kNs);
  REQUIRE(hit.state == CacheState::fresh);
  REQUIRE(hit.entry->answer.negative);
  REQUIRE(cache.lookup(kWeb, 14s).state == CacheState::miss);
}

TEST_CASE("truncated answers and zero TTLs are not cached, capacity 0 caches nothing",
          "[dns][cache]") {
  DnsCache cache(plain());
  CachedAnswer tc = positive({30});
  auto m = *tc.response;
  m.header.tc = true;
  tc.response = std::make_shared<const DnsMessage>(m);
  REQUIRE(cache.insert(kWeb, tc, 0s).entry == nullptr);
  REQUIRE(cache.insert(kWeb, positive({0}), 0s).entry == nullptr);  // Consul's default TTL 0
  REQUIRE(cache.size() == 0);
  DnsCache none(DnsCacheConfig::none());
  REQUIRE(none.insert(kWeb, positive({30}), 0s).entry == nullptr);
  REQUIRE(none.lookup(kWeb, 0s).state == CacheState::miss);
}

TEST_CASE("a fixed TTL replaces the answer's (JVM networkaddress.cache.ttl)", "[dns][cache]") {
  DnsCache cache(DnsCacheConfig::jvm());
  REQUIRE(cache.ttl_for(*positive({0}).response) == 30s);
  REQUIRE(cache.ttl_for(*positive({3600}).response) == 30s);
  REQUIRE(cache.ttl_for(*negative(Rcode::name_error, std::nullopt).response) == 10s);
  cache.insert(kWeb, positive({1}), 0s);
  REQUIRE(cache.lookup(kWeb, 30s - kNs).state == CacheState::fresh);
  REQUIRE(cache.lookup(kWeb, 30s).state == CacheState::miss);

  DnsCacheConfig forever = DnsCacheConfig::jvm();
  forever.fixed_ttl = Duration::max();  // ttl -1 with a SecurityManager
  DnsCache pinned(forever);
  pinned.insert(kWeb, positive({1}), 5s);
  REQUIRE(pinned.lookup(kWeb, 1000000h).state == CacheState::fresh);
  REQUIRE(pinned.peek(kWeb)->expires_at == kNever);
}

TEST_CASE("serve-stale: stale from expiry until stale_ttl later, then gone", "[dns][cache]") {
  DnsCacheConfig c = plain();
  c.stale_ttl = 60s;
  DnsCache cache(c);
  cache.insert(kWeb, positive({10}), 0s);
  REQUIRE(cache.lookup(kWeb, 10s - kNs).state == CacheState::fresh);
  REQUIRE(cache.lookup(kWeb, 10s).state == CacheState::stale);
  REQUIRE(cache.lookup(kWeb, 70s - kNs).state == CacheState::stale);
  REQUIRE(cache.lookup(kWeb, 70s).state == CacheState::miss);
  SECTION("with serve-stale a zero TTL is kept, for stale use only") {
    const auto key = make_key("zero", RrType::a);
    REQUIRE(cache.insert(key, positive({0}), 0s).entry != nullptr);
    REQUIRE(cache.lookup(key, 0s).state == CacheState::stale);
  }
}

TEST_CASE("a full cache evicts the least recently used entry", "[dns][cache]") {
  DnsCacheConfig c = plain();
  c.capacity = 2;
  DnsCache cache(c);
  const auto a = make_key("a", RrType::a);
  const auto b = make_key("b", RrType::a);
  const auto d = make_key("d", RrType::a);
  cache.insert(a, positive({60}), 0s);
  cache.insert(b, positive({60}), 1s);
  REQUIRE(cache.lookup(a, 2s).state == CacheState::fresh);  // a is now the most recent
  const auto result = cache.insert(d, positive({60}), 3s);
  REQUIRE(result.evicted == std::vector<DnsCacheKey>{b});
  REQUIRE(cache.size() == 2);
  REQUIRE(cache.lookup(b, 3s).state == CacheState::miss);
  REQUIRE(cache.lookup(a, 3s).state == CacheState::fresh);
  // Replacing an existing key evicts nothing and refreshes it.
  REQUIRE(cache.insert(d, positive({60}), 4s).evicted.empty());
  REQUIRE(cache.insert(b, positive({60}), 5s).evicted == std::vector<DnsCacheKey>{a});
}

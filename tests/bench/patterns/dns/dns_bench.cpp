// DNS costs: wire encode/decode of typical answers, a cache lookup, a whole server answer.
#include <benchmark/benchmark.h>

#include "patterns/core/manual_runtime.h"
#include "patterns/dns/dns_cache.h"
#include "patterns/dns/dns_server.h"
#include "patterns/dns/dns_wire.h"

using namespace discolab;
using namespace discolab::dns;

namespace {

const std::string kWeb = "web.service.discolab";

DnsMessage a_answer(std::uint32_t n) {
  DnsMessage m;
  m.header.id = 4242;
  m.header.qr = m.header.aa = m.header.rd = true;
  m.questions.push_back(Question{kWeb, RrType::a, kClassIn});
  for (std::uint32_t i = 0; i < n; ++i) m.answers.push_back(make_a(kWeb, 5, 0x0A000000 + i));
  return m;
}

DnsMessage srv_answer(std::uint32_t n) {
  DnsMessage m = a_answer(0);
  m.questions[0].type = RrType::srv;
  const DnsNaming naming;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string target = naming.address_name(0x0A000000 + i);
    m.additional.push_back(make_a(target, 5, 0x0A000000 + i));
    m.answers.push_back(make_srv(kWeb, 5, SrvRecord{1, 1, 8080, std::move(target)}));
  }
  return m;
}

void encode_bench(benchmark::State& state, const DnsMessage& m) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto wire = encode(m);
    bytes = wire.size();
    benchmark::DoNotOptimize(wire.data());
  }
  state.counters["wire_bytes"] = static_cast<double>(bytes);
}

void decode_bench(benchmark::State& state, const DnsMessage& m) {
  const auto wire = encode(m);
  for (auto _ : state) {
    DecodeResult r = decode(wire);
    benchmark::DoNotOptimize(r.message.answers.data());
  }
  state.counters["wire_bytes"] = static_cast<double>(wire.size());
}

void BM_EncodeA3(benchmark::State& state) { encode_bench(state, a_answer(3)); }
void BM_DecodeA3(benchmark::State& state) { decode_bench(state, a_answer(3)); }
void BM_EncodeSrv20(benchmark::State& state) { encode_bench(state, srv_answer(20)); }
void BM_DecodeSrv20(benchmark::State& state) { decode_bench(state, srv_answer(20)); }

void BM_EncodeSrv20TruncatedUdp(benchmark::State& state) {
  const DnsMessage m = srv_answer(20);
  for (auto _ : state) {
    auto wire = encode_truncated(m, kUdpPlainMaxBytes);
    benchmark::DoNotOptimize(wire.data());
  }
}

// A hit among 10 000 entries (the cache's key is built once, as a resolver does per lookup).
void BM_CacheLookupHit(benchmark::State& state) {
  DnsCache cache(DnsCacheConfig::coredns());
  const auto response = std::make_shared<const DnsMessage>(a_answer(3));
  for (int i = 0; i < 10000; ++i) {
    cache.insert(make_key("svc-" + std::to_string(i) + ".service.discolab", RrType::a),
                 CachedAnswer{response, std::make_shared<const EndpointList>(), false}, SimTime{0});
  }
  const DnsCacheKey key = make_key("svc-4321.service.discolab", RrType::a);
  for (auto _ : state) {
    const CacheLookup hit = cache.lookup(key, SimTime{1});
    benchmark::DoNotOptimize(hit.entry);
  }
}

// make_key + lookup: what DnsResolver::resolve pays on a cache hit.
void BM_CacheKeyAndLookup(benchmark::State& state) {
  DnsCache cache(DnsCacheConfig::coredns());
  cache.insert(make_key(kWeb, RrType::a),
               CachedAnswer{std::make_shared<const DnsMessage>(a_answer(3)),
                            std::make_shared<const EndpointList>(), false},
               SimTime{0});
  for (auto _ : state) {
    const CacheLookup hit = cache.lookup(make_key(kWeb, RrType::a), SimTime{1});
    benchmark::DoNotOptimize(hit.entry);
  }
}

// Decode a query, build the rotated answer, encode it: one authoritative answer of 3 A.
void BM_ServerRespondA3(benchmark::State& state) {
  ManualRuntime rt;
  DnsServer server(rt, 0, DnsServerConfig{}, nullptr);
  auto list = std::make_shared<EndpointList>();
  for (std::uint32_t i = 0; i < 3; ++i) list->push_back(ServiceEndpoint{i, 100 + i, i, 1, 0});
  server.set_service("web", list);
  DnsMessage q;
  q.header.id = 1;
  q.questions.push_back(Question{kWeb, RrType::a, kClassIn});
  const auto query = encode(q);
  for (auto _ : state) {
    auto reply = server.respond(query, Transport::udp);
    benchmark::DoNotOptimize(reply->data());
  }
}

}  // namespace

BENCHMARK(BM_EncodeA3);
BENCHMARK(BM_DecodeA3);
BENCHMARK(BM_EncodeSrv20);
BENCHMARK(BM_DecodeSrv20);
BENCHMARK(BM_EncodeSrv20TruncatedUdp);
BENCHMARK(BM_CacheLookupHit);
BENCHMARK(BM_CacheKeyAndLookup);
BENCHMARK(BM_ServerRespondA3);

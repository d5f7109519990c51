// The DNS decoder (and the server's query path) fed ~100k deterministic garbage and mutated
// packets under ASan+UBSan: every input must end in a value or an error, never in undefined
// behaviour. Whatever decodes must encode again and decode to the same message.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "patterns/core/random.h"
#include "patterns/dns/dns_server.h"
#include "patterns/dns/dns_wire.h"

using namespace discolab;
using namespace discolab::dns;

namespace {

using Bytes = std::vector<std::uint8_t>;

std::vector<Bytes> valid_packets() {
  std::vector<Bytes> out;
  DnsMessage q;
  q.header.id = 9;
  q.header.rd = true;
  q.questions.push_back(Question{"web.service.discolab", RrType::a, kClassIn});
  out.push_back(encode(q));
  q.edns_udp_bytes = 1232;
  out.push_back(encode(q));

  DnsMessage a = q;
  a.header.qr = true;
  for (std::uint32_t i = 0; i < 3; ++i)
    a.answers.push_back(make_a("web.service.discolab", 5, 0x0A000000 + i));
  out.push_back(encode(a));

  DnsMessage srv = q;
  srv.header.qr = true;
  srv.questions[0].type = RrType::srv;
  const DnsNaming naming;
  for (std::uint32_t i = 0; i < 20; ++i) {
    const std::string target = naming.address_name(0x0A000000 + i);
    srv.answers.push_back(make_srv("web.service.discolab", 5, SrvRecord{1, 1, 8080, target}));
    srv.additional.push_back(make_a(target, 5, 0x0A000000 + i));
  }
  out.push_back(encode(srv));
  out.push_back(encode_truncated(srv, 512));

  DnsMessage nx = q;
  nx.header.qr = true;
  nx.header.rcode = Rcode::name_error;
  nx.authority.push_back(
      make_soa("discolab", 5, SoaRecord{"ns.discolab", "hostmaster.discolab", 1, 2, 3, 4, 5}));
  out.push_back(encode(nx));
  return out;
}

// Decodes `bytes` both ways a receiver would; what decodes must survive a round trip.
void check(const Bytes& bytes, std::uint64_t& decoded) {
  for (const std::size_t limit : {kMaxMessageBytes, kUdpPlainMaxBytes}) {
    const DecodeResult r = decode(bytes, limit);
    if (!r.ok()) {
      REQUIRE_FALSE(r.detail.empty());
      continue;
    }
    ++decoded;
    const DecodeResult again = decode(encode(r.message));
    REQUIRE(again.ok());
    REQUIRE(again.message == r.message);
  }
}

void mutate(Bytes& b, RandomStream& rng) {
  switch (rng.uniform_int(0, 4)) {
    case 0: {  // bit flips
      const auto flips = rng.uniform_int(1, 8);
      for (std::uint64_t i = 0; i < flips && !b.empty(); ++i) {
        b[rng.uniform_int(0, b.size() - 1)] ^=
            static_cast<std::uint8_t>(1u << rng.uniform_int(0, 7));
      }
      break;
    }
    case 1:  // truncation
      b.resize(rng.uniform_int(0, b.size()));
      break;
    case 2: {  // a compression pointer anywhere, to anywhere
      if (b.size() < 2) break;
      const auto at = rng.uniform_int(0, b.size() - 2);
      const auto target = rng.uniform_int(0, 0x3FFF);
      b[at] = static_cast<std::uint8_t>(0xC0 | (target >> 8));
      b[at + 1] = static_cast<std::uint8_t>(target);
      break;
    }
    case 3: {  // corrupt a section count
      if (b.size() < 12) break;
      const auto at = 4 + 2 * rng.uniform_int(0, 3);
      b[at] = static_cast<std::uint8_t>(rng.uniform_int(0, 1) ? rng() : 0);
      b[at + 1] = static_cast<std::uint8_t>(rng());
      break;
    }
    default: {  // random bytes spliced in, or appended
      const auto n = rng.uniform_int(1, 16);
      const auto at = rng.uniform_int(0, b.size());
      Bytes junk(n);
      for (auto& x : junk) x = static_cast<std::uint8_t>(rng());
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), junk.begin(), junk.end());
    }
  }
}

}  // namespace

TEST_CASE("the DNS decoder survives garbage and mutated packets", "[dns][sanitized]") {
  RandomStream rng(20240601, "dns-garbage", "fuzz");
  std::uint64_t decoded = 0;
  std::uint64_t tried = 0;

  for (int i = 0; i < 30000; ++i, ++tried) {  // pure noise, short and long
    Bytes b(rng.uniform_int(0, 700));
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    check(b, decoded);
  }
  for (int i = 0; i < 20000; ++i, ++tried) {  // noise behind a plausible header
    Bytes b(12 + rng.uniform_int(0, 300));
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    for (int c = 4; c < 12; c += 2) {
      b[static_cast<std::size_t>(c)] = 0;
      b[static_cast<std::size_t>(c + 1)] = static_cast<std::uint8_t>(rng.uniform_int(0, 3));
    }
    check(b, decoded);
  }
  const std::vector<Bytes> seeds = valid_packets();
  for (int i = 0; i < 50000; ++i, ++tried) {
    Bytes b = seeds[static_cast<std::size_t>(i) % seeds.size()];
    const auto rounds = rng.uniform_int(1, 3);
    for (std::uint64_t r = 0; r < rounds; ++r) mutate(b, rng);
    check(b, decoded);
  }
  REQUIRE(tried == 100000);
  REQUIRE(decoded > 0);  // some mutations stay valid: the round-trip check did run
}

TEST_CASE("the DNS server drops or answers mutated queries, never crashes", "[dns][sanitized]") {
  ManualRuntime rt;
  DnsServer server(rt, 0, DnsServerConfig{}, nullptr);
  auto list = std::make_shared<EndpointList>();
  for (std::uint32_t i = 0; i < 30; ++i) list->push_back(ServiceEndpoint{i, 100 + i, i, 1, 0});
  server.set_service("web", list);
  RandomStream rng(7, "dns-garbage", "server");
  const std::vector<Bytes> seeds = valid_packets();
  std::uint64_t answered = 0;
  for (int i = 0; i < 10000; ++i) {
    Bytes b = seeds[static_cast<std::size_t>(i % 2)];  // the two queries
    mutate(b, rng);
    for (const Transport t : {Transport::udp, Transport::tcp}) {
      if (const auto reply = server.respond(b, t)) {
        ++answered;
        REQUIRE(decode(*reply).ok());
        if (t == Transport::udp) REQUIRE(reply->size() <= 1232);
      }
    }
  }
  REQUIRE(answered > 0);
}

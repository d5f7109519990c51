// The DNS message model (RFC 1035 section 4): what the wire codec encodes and decodes.
//
// Only what service discovery needs is typed: A, AAAA, SRV (RFC 2782), CNAME/NS/PTR, SOA (for
// negative answers, RFC 2308); any other type keeps its RDATA as opaque bytes. EDNS(0)
// (RFC 6891) is supported minimally: an OPT record is not kept among the additional records
// but as `edns_udp_bytes`, the UDP payload size its sender can receive.
//
// Names are in presentation form without the trailing dot ("web.service.discolab"; the root
// is ""), compared case-insensitively. Labels may not contain '.' (no escaping is modelled).
// TTLs are integer seconds, as on the wire.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace discolab::dns {

enum class RrType : std::uint16_t {
  a = 1,
  ns = 2,
  cname = 5,
  soa = 6,
  ptr = 12,
  aaaa = 28,
  srv = 33,
  opt = 41,
};

inline constexpr std::uint16_t kClassIn = 1;

enum class Rcode : std::uint8_t {
  no_error = 0,
  format_error = 1,
  server_failure = 2,
  name_error = 3,  // NXDOMAIN
  not_implemented = 4,
  refused = 5,
};

struct Header {
  std::uint16_t id = 0;
  bool qr = false;                // a response
  std::uint8_t opcode = 0;        // 0 = standard query (4 bits)
  bool aa = false;                // authoritative answer
  bool tc = false;                // truncated: the answer did not fit the transport
  bool rd = false;                // recursion desired
  bool ra = false;                // recursion available
  Rcode rcode = Rcode::no_error;  // 4 bits; extended rcodes are not modelled

  friend bool operator==(const Header&, const Header&) = default;
};

struct Question {
  std::string name;
  RrType type = RrType::a;
  std::uint16_t qclass = kClassIn;

  friend bool operator==(const Question&, const Question&) = default;
};

struct ARecord {
  std::uint32_t ipv4 = 0;  // host byte order: 10.0.0.1 is 0x0a000001
  friend bool operator==(const ARecord&, const ARecord&) = default;
};
struct AaaaRecord {
  std::array<std::uint8_t, 16> ipv6{};
  friend bool operator==(const AaaaRecord&, const AaaaRecord&) = default;
};
struct SrvRecord {
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint16_t port = 0;
  std::string target;
  friend bool operator==(const SrvRecord&, const SrvRecord&) = default;
};
// The RDATA of CNAME, NS and PTR: one domain name.
struct NameRecord {
  std::string target;
  friend bool operator==(const NameRecord&, const NameRecord&) = default;
};
// RFC 1035 3.3.13. `minimum` bounds the TTL of negative answers (RFC 2308 section 5).
struct SoaRecord {
  std::string mname;
  std::string rname;
  std::uint32_t serial = 0;
  std::uint32_t refresh_s = 0;
  std::uint32_t retry_s = 0;
  std::uint32_t expire_s = 0;
  std::uint32_t minimum_s = 0;
  friend bool operator==(const SoaRecord&, const SoaRecord&) = default;
};
// A type this model does not interpret: its RDATA as received.
struct OpaqueRecord {
  std::vector<std::uint8_t> rdata;
  friend bool operator==(const OpaqueRecord&, const OpaqueRecord&) = default;
};

using Rdata = std::variant<ARecord, AaaaRecord, SrvRecord, NameRecord, SoaRecord, OpaqueRecord>;

struct ResourceRecord {
  std::string name;
  RrType type = RrType::a;  // must agree with `data` (OpaqueRecord for untyped types)
  std::uint16_t rclass = kClassIn;
  std::uint32_t ttl_s = 0;
  Rdata data;

  friend bool operator==(const ResourceRecord&, const ResourceRecord&) = default;
};

struct DnsMessage {
  Header header;
  std::vector<Question> questions;
  std::vector<ResourceRecord> answers;
  std::vector<ResourceRecord> authority;
  std::vector<ResourceRecord> additional;       // without the OPT record
  std::optional<std::uint16_t> edns_udp_bytes;  // present: an OPT record is on the wire

  friend bool operator==(const DnsMessage&, const DnsMessage&) = default;
};

// Record builders, so that callers state the type once.
ResourceRecord make_a(std::string name, std::uint32_t ttl_s, std::uint32_t ipv4);
ResourceRecord make_srv(std::string name, std::uint32_t ttl_s, SrvRecord srv);
ResourceRecord make_soa(std::string name, std::uint32_t ttl_s, SoaRecord soa);

// ASCII lowercase, the canonical form names are compared in (RFC 4343).
std::string lowercase(std::string_view name);
bool names_equal(std::string_view a, std::string_view b);

}  // namespace discolab::dns

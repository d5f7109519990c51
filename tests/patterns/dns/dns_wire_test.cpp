#include "patterns/dns/dns_wire.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

using namespace discolab::dns;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Appends a name label by label, uncompressed, as RFC 1035 3.1 lays it out.
void put_name(Bytes& out, const std::vector<std::string>& labels) {
  for (const auto& l : labels) {
    out.push_back(static_cast<std::uint8_t>(l.size()));
    out.insert(out.end(), l.begin(), l.end());
  }
  out.push_back(0);
}

void put16(Bytes& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

Bytes header(std::uint16_t qd, std::uint16_t an, std::uint16_t ns, std::uint16_t ar,
             std::uint8_t flags_hi = 0x01) {
  Bytes out{0x12, 0x34, flags_hi, 0x00};
  for (const auto c : {qd, an, ns, ar}) put16(out, c);
  return out;
}

DnsMessage a_query(std::string name) {
  DnsMessage m;
  m.header.id = 0x1234;
  m.header.rd = true;
  m.questions.push_back(Question{std::move(name), RrType::a, kClassIn});
  return m;
}

DnsMessage srv_answer(int n) {
  DnsMessage m = a_query("web.service.discolab");
  m.questions[0].type = RrType::srv;
  m.header.qr = m.header.aa = true;
  for (int i = 0; i < n; ++i) {
    const std::uint32_t ip = 0x0A000000u + static_cast<std::uint32_t>(i);
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", ip);
    const std::string target = std::string(hex) + ".addr.discolab";
    m.answers.push_back(make_srv("web.service.discolab", 5, SrvRecord{1, 1, 8080, target}));
    m.additional.push_back(make_a(target, 5, ip));
  }
  return m;
}

}  // namespace

TEST_CASE("a query encodes to the exact bytes of RFC 1035 4.1", "[dns][wire]") {
  Bytes expected = header(1, 0, 0, 0);
  put_name(expected, {"web", "service", "discolab"});
  put16(expected, 1);  // QTYPE A
  put16(expected, 1);  // QCLASS IN
  REQUIRE(encode(a_query("web.service.discolab")) == expected);
  REQUIRE(encode(a_query("web.service.discolab.")) == expected);  // the root dot is implied
}

TEST_CASE("an answer's owner name is a pointer to the question (4.1.4)", "[dns][wire]") {
  DnsMessage m = a_query("web.service.discolab");
  m.header.qr = true;
  m.header.aa = true;
  m.answers.push_back(make_a("web.service.discolab", 5, 0x0A000007));

  Bytes expected = header(1, 1, 0, 0, 0x85);  // QR, AA, RD
  put_name(expected, {"web", "service", "discolab"});
  put16(expected, 1);
  put16(expected, 1);
  expected.insert(expected.end(), {0xC0, 0x0C});  // pointer to offset 12
  put16(expected, 1);
  put16(expected, 1);
  expected.insert(expected.end(), {0, 0, 0, 5, 0, 4, 10, 0, 0, 7});
  const Bytes wire = encode(m);
  REQUIRE(wire == expected);

  const DecodeResult back = decode(expected);
  REQUIRE(back.ok());
  REQUIRE(back.message == m);
}

TEST_CASE("a suffix shared with an earlier name is compressed, SRV targets are not",
          "[dns][wire]") {
  const DnsMessage m = srv_answer(1);
  const Bytes wire = encode(m);
  // header 12 + question 22+4 = 38; SRV: owner pointer 2, type/class/ttl/length 10, then
  // priority/weight/port 6 and the target in full although "discolab" was seen before:
  // "0a000000" 9 + "addr" 5 + "discolab" 9 + root 1 = 24.
  const std::size_t srv_rdata = 38 + 2 + 10;
  REQUIRE(wire[srv_rdata + 6] == 8);
  REQUIRE(wire[srv_rdata + 6 + 9 + 5] == 8);  // "discolab" again, not a pointer
  // The additional A record's owner is a pointer to the target.
  const std::size_t a_owner = srv_rdata + 6 + 24;
  REQUIRE(wire[a_owner] == 0xC0);
  REQUIRE(wire[a_owner + 1] == srv_rdata + 6);
  REQUIRE(wire.size() == a_owner + 2 + 10 + 4);
  REQUIRE(decode(wire).message == m);
}

TEST_CASE("round trips: A, SRV, NXDOMAIN with SOA, EDNS, AAAA, CNAME, opaque", "[dns][wire]") {
  DnsMessage a = a_query("api.service.discolab");
  a.header.qr = a.header.ra = true;
  for (std::uint32_t i = 1; i <= 3; ++i)
    a.answers.push_back(make_a("api.service.discolab", 30, 0x0A000000 + i));

  DnsMessage nx = a_query("nope.service.discolab");
  nx.header.qr = nx.header.aa = true;
  nx.header.rcode = Rcode::name_error;
  nx.authority.push_back(make_soa(
      "discolab", 5, SoaRecord{"ns.discolab", "hostmaster.discolab", 7, 3600, 600, 86400, 5}));

  DnsMessage edns = a_query("x.service.discolab");
  edns.edns_udp_bytes = 1232;

  DnsMessage other = a_query("Mixed.Case.Name");
  other.header.opcode = 2;
  other.header.tc = true;
  AaaaRecord six;
  six.ipv6[15] = 1;
  other.answers.push_back(ResourceRecord{"mixed.case.name", RrType::aaaa, kClassIn, 1, six});
  other.answers.push_back(
      ResourceRecord{"alias.name", RrType::cname, kClassIn, 2, NameRecord{"Mixed.Case.Name"}});
  other.additional.push_back(ResourceRecord{"txt.name", static_cast<RrType>(16), kClassIn, 3,
                                            OpaqueRecord{{3, 'a', 'b', 'c'}}});

  for (const DnsMessage& m : {a, srv_answer(20), nx, edns, other}) {
    const DecodeResult back = decode(encode(m));
    INFO(back.detail);
    REQUIRE(back.ok());
    REQUIRE(back.message == m);
  }
}

TEST_CASE("encode refuses names it cannot write", "[dns][wire]") {
  REQUIRE_THROWS_AS(encode(a_query("a..b")), std::invalid_argument);
  REQUIRE_THROWS_AS(encode(a_query(std::string(64, 'x') + ".com")), std::invalid_argument);
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += std::string(60, 'x') + ".";
  REQUIRE_THROWS_AS(encode(a_query(long_name)), std::invalid_argument);
  REQUIRE(valid_name(std::string(63, 'x') + ".com"));
  REQUIRE_FALSE(valid_name(std::string(64, 'x')));
  DnsMessage wrong = a_query("x");
  wrong.answers.push_back(ResourceRecord{"x", RrType::srv, kClassIn, 1, ARecord{1}});
  REQUIRE_THROWS_AS(encode(wrong), std::invalid_argument);
}

TEST_CASE("answers that do not fit are truncated with TC, as a valid prefix", "[dns][wire]") {
  const DnsMessage big = srv_answer(20);
  REQUIRE(encode(big).size() > kUdpPlainMaxBytes);
  const Bytes cut = encode_truncated(big, kUdpPlainMaxBytes);
  REQUIRE(cut.size() <= kUdpPlainMaxBytes);
  const DecodeResult back = decode(cut, kUdpPlainMaxBytes);
  INFO(back.detail);
  REQUIRE(back.ok());
  REQUIRE(back.message.header.tc);
  REQUIRE(back.message.additional.empty());
  REQUIRE(back.message.answers.size() > 5);
  REQUIRE(back.message.answers.size() < 20);
  for (std::size_t i = 0; i < back.message.answers.size(); ++i)
    REQUIRE(back.message.answers[i] == big.answers[i]);

  SECTION("an answer that fits is untouched") {
    const DnsMessage small = srv_answer(3);
    const Bytes whole = encode_truncated(small, kUdpPlainMaxBytes);
    REQUIRE(whole == encode(small));
    REQUIRE_FALSE(decode(whole).message.header.tc);
  }
  SECTION("a larger EDNS limit holds everything, and the OPT record survives truncation") {
    DnsMessage with_opt = big;
    with_opt.edns_udp_bytes = 4096;
    REQUIRE_FALSE(decode(encode_truncated(with_opt, 4096)).message.header.tc);
    const DecodeResult cut_opt = decode(encode_truncated(with_opt, 512));
    REQUIRE(cut_opt.ok());
    REQUIRE(cut_opt.message.header.tc);
    REQUIRE(cut_opt.message.edns_udp_bytes == 4096);
  }
}

TEST_CASE("malformed, truncated and oversized input is rejected with the right error",
          "[dns][wire]") {
  struct Case {
    const char* what;
    Bytes bytes;
    DecodeError error;
  };
  std::vector<Case> cases;
  const auto with = [](Bytes head, std::initializer_list<int> tail) {
    for (const int b : tail) head.push_back(static_cast<std::uint8_t>(b));
    return head;
  };
  Bytes valid_q = header(1, 0, 0, 0);
  put_name(valid_q, {"a"});
  put16(valid_q, 1);
  put16(valid_q, 1);  // 19 bytes; the name sits at offset 12

  cases.push_back({"empty", {}, DecodeError::truncated_header});
  cases.push_back({"11 bytes", Bytes(11, 0), DecodeError::truncated_header});
  cases.push_back(
      {"a question counted, none there", header(1, 0, 0, 0), DecodeError::counts_exceed_data});
  cases.push_back(
      {"counts of 65535", header(0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF), DecodeError::counts_exceed_data});
  cases.push_back({"label longer than the data", with(header(1, 0, 0, 0), {5, 'a', 'b', 0, 1, 0}),
                   DecodeError::truncated});
  cases.push_back({"question without class", with(header(1, 0, 0, 0), {1, 'a', 0, 0, 1}),
                   DecodeError::truncated});
  cases.push_back({"label type 01 (length 64+)",
                   with(header(1, 0, 0, 0), {0x40, 'a', 0, 0, 1, 0, 1}), DecodeError::bad_label});
  cases.push_back({"label type 10", with(header(1, 0, 0, 0), {0x80, 'a', 0, 0, 1, 0, 1}),
                   DecodeError::bad_label});
  cases.push_back({"a dot inside a label",
                   with(header(1, 0, 0, 0), {3, 'a', '.', 'b', 0, 0, 1, 0, 1}),
                   DecodeError::bad_label});
  {
    Bytes b = header(1, 0, 0, 0);
    put_name(b, {std::string(63, 'x'), std::string(63, 'x'), std::string(63, 'x'),
                 std::string(63, 'x')});
    put16(b, 1);
    put16(b, 1);
    cases.push_back({"name of 257 bytes", b, DecodeError::name_too_long});
  }
  cases.push_back({"pointer to itself", with(header(1, 0, 0, 0), {0xC0, 12, 0, 1, 0, 1}),
                   DecodeError::bad_pointer});
  cases.push_back({"forward pointer", with(header(1, 0, 0, 0), {0xC0, 14, 0, 1, 0, 1, 0}),
                   DecodeError::bad_pointer});
  cases.push_back({"pointer out of range", with(header(1, 0, 0, 0), {0xFF, 0xFF, 0, 1, 0, 1}),
                   DecodeError::bad_pointer});
  cases.push_back({"pointer into the header", with(header(1, 0, 0, 0), {0xC0, 2, 0, 1, 0, 1}),
                   DecodeError::bad_pointer});
  cases.push_back({"label then pointer back to its own start (loop)",
                   with(header(1, 0, 0, 0), {1, 'a', 0xC0, 12, 0, 1, 0, 1}),
                   DecodeError::bad_pointer});
  cases.push_back({"pointer cut at the end",
                   with(header(1, 0, 0, 0), {1, 'a', 0, 0, 1, 0, 1, 0xC0}),
                   DecodeError::trailing_bytes});
  {
    Bytes b = valid_q;
    b[7] = 1;  // ANCOUNT 1: the answer's name is a pointer back to the question
    b = with(b, {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 5, 10, 0, 0, 1, 9});
    cases.push_back({"A with RDLENGTH 5", b, DecodeError::rdlength_mismatch});
  }
  {
    Bytes b = valid_q;
    b[7] = 1;
    b = with(b, {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 40, 10, 0, 0, 1});
    cases.push_back({"RDLENGTH beyond the data", b, DecodeError::truncated});
  }
  {
    Bytes b = valid_q;
    b[7] = 1;  // SRV whose RDLENGTH (8) is shorter than priority+weight+port+target (9)
    b = with(b, {0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 5, 0, 8, 0, 1, 0, 1, 0x1F, 0x90, 1, 'a', 0});
    cases.push_back({"SRV RDLENGTH short of its target", b, DecodeError::rdlength_mismatch});
  }
  {
    Bytes b = valid_q;
    b[7] = 1;  // an OPT record in the answer section
    b = with(b, {0, 0, 41, 2, 0, 0, 0, 0, 0, 0, 0});
    cases.push_back({"OPT in the answer section", b, DecodeError::bad_opt});
  }
  {
    Bytes b = valid_q;
    b[11] = 2;  // two OPT records
    b = with(b, {0, 0, 41, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 41, 2, 0, 0, 0, 0, 0, 0, 0});
    cases.push_back({"two OPT records", b, DecodeError::bad_opt});
  }
  {
    Bytes b = valid_q;
    b[11] = 1;  // OPT whose single option claims 9 bytes in 5
    b = with(b, {0, 0, 41, 2, 0, 0, 0, 0, 0, 0, 5, 0, 10, 0, 9, 0});
    cases.push_back({"OPT option overruns", b, DecodeError::bad_opt});
  }
  cases.push_back({"bytes after the last record", with(valid_q, {0}), DecodeError::trailing_bytes});

  for (const Case& c : cases) {
    INFO(c.what);
    const DecodeResult r = decode(c.bytes);
    INFO(r.detail);
    REQUIRE(r.error == c.error);
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.detail.empty());
  }
  REQUIRE(decode(valid_q).ok());  // the base the cases mutate is itself fine
}

TEST_CASE("over UDP a message larger than the receiver's limit is rejected", "[dns][wire]") {
  const Bytes big = encode(srv_answer(20));
  REQUIRE(decode(big).ok());
  REQUIRE(decode(big, kUdpPlainMaxBytes).error == DecodeError::oversized);
  REQUIRE(decode(Bytes(kMaxMessageBytes + 1, 0)).error == DecodeError::oversized);
}

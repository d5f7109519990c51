#include "patterns/dns/dns_server.h"

#include <catch2/catch.hpp>

#include "patterns/core/manual_runtime.h"
#include "patterns/dns/dns_wire.h"
#include "tests/patterns/dns/dns_test_support.h"

using namespace discolab;
using namespace discolab::dns;
using namespace std::chrono_literals;
using testing::endpoints;

namespace {

std::vector<std::uint8_t> query(std::string name, RrType type,
                                std::optional<std::uint16_t> edns = std::nullopt) {
  DnsMessage q;
  q.header.id = 77;
  q.header.rd = true;
  q.questions.push_back(Question{std::move(name), type, kClassIn});
  q.edns_udp_bytes = edns;
  return encode(q);
}

DnsMessage ask(DnsServer& server, const std::string& name, RrType type,
               Transport t = Transport::udp, std::optional<std::uint16_t> edns = std::nullopt) {
  const auto bytes = server.respond(query(name, type, edns), t);
  REQUIRE(bytes);
  if (t == Transport::udp)
    REQUIRE(bytes->size() <= std::max<std::size_t>(kUdpPlainMaxBytes, edns.value_or(0)));
  DecodeResult r = decode(*bytes);
  REQUIRE(r.ok());
  REQUIRE(r.message.header.id == 77);
  REQUIRE(r.message.header.qr);
  REQUIRE(r.message.header.aa);
  return r.message;
}

std::vector<std::uint32_t> a_addresses(const DnsMessage& m) {
  std::vector<std::uint32_t> out;
  for (const auto& rr : m.answers) out.push_back(std::get<ARecord>(rr.data).ipv4);
  return out;
}

}  // namespace

TEST_CASE("A answers carry the TTL and rotate one step per answer", "[dns][server]") {
  ManualRuntime rt;
  DnsServerConfig cfg;
  cfg.ttl = 30s;
  DnsServer server(rt, 0, cfg, std::make_shared<AddressBook>());
  server.set_service("web", endpoints(3));
  const std::uint32_t e0 = 0x0A000064;  // 10.0.0.100: endpoint 100
  const auto first = ask(server, "web.service.discolab", RrType::a);
  REQUIRE(a_addresses(first) == std::vector<std::uint32_t>{e0, e0 + 1, e0 + 2});
  REQUIRE(first.answers[0].ttl_s == 30);
  REQUIRE(first.header.rcode == Rcode::no_error);
  REQUIRE(a_addresses(ask(server, "WEB.service.discolab", RrType::a)) ==
          std::vector<std::uint32_t>{e0 + 1, e0 + 2, e0});
  REQUIRE(a_addresses(ask(server, "web.service.discolab", RrType::a)) ==
          std::vector<std::uint32_t>{e0 + 2, e0, e0 + 1});
  REQUIRE(a_addresses(ask(server, "web.service.discolab", RrType::a)) ==
          std::vector<std::uint32_t>{e0, e0 + 1, e0 + 2});

  cfg.rotate = false;
  DnsServer fixed(rt, 0, cfg, nullptr);
  fixed.set_service("web", endpoints(3));
  ask(fixed, "web.service.discolab", RrType::a);
  REQUIRE(a_addresses(ask(fixed, "web.service.discolab", RrType::a)).front() == e0);
}

TEST_CASE("SRV answers name address targets, big ones are truncated over UDP only",
          "[dns][server]") {
  ManualRuntime rt;
  auto book = std::make_shared<AddressBook>();
  DnsServer server(rt, 0, DnsServerConfig{}, book);
  server.set_service("web", endpoints(20));
  REQUIRE(book->size() == 20);

  const DnsMessage udp = ask(server, "web.service.discolab", RrType::srv);
  REQUIRE(udp.header.tc);
  REQUIRE(udp.answers.size() < 20);
  REQUIRE(server.stats().truncated == 1);

  const DnsMessage tcp = ask(server, "web.service.discolab", RrType::srv, Transport::tcp);
  REQUIRE_FALSE(tcp.header.tc);
  REQUIRE(tcp.answers.size() == 20);
  REQUIRE(tcp.additional.size() == 20);
  const auto& srv = std::get<SrvRecord>(tcp.answers[0].data);
  REQUIRE(srv.port == 8080);
  REQUIRE(DnsNaming{}.address_of(srv.target));
  REQUIRE(endpoints_of_answer(tcp, DnsNaming{}, *book).size() == 20);

  const DnsMessage edns = ask(server, "web.service.discolab", RrType::srv, Transport::udp, 1232);
  REQUIRE_FALSE(edns.header.tc);
  REQUIRE(edns.answers.size() == 20);
  REQUIRE(edns.edns_udp_bytes == 1232);

  const DnsMessage small = ask(server, "web.service.discolab", RrType::a);  // 20 A records fit
  REQUIRE_FALSE(small.header.tc);
  REQUIRE(small.answers.size() == 20);
}

TEST_CASE("Consul's preset: TTL 0 and three records per UDP answer", "[dns][server]") {
  ManualRuntime rt;
  DnsServer server(rt, 0, DnsServerConfig::consul(), nullptr);
  server.set_service("web", endpoints(5));
  const DnsMessage m = ask(server, "web.service.consul", RrType::a);
  REQUIRE(m.answers.size() == 3);
  REQUIRE(m.answers[0].ttl_s == 0);
  REQUIRE(ask(server, "web.service.consul", RrType::a, Transport::tcp).answers.size() == 5);
}

TEST_CASE("unknown names are NXDOMAIN with the SOA, empty services are NODATA", "[dns][server]") {
  ManualRuntime rt;
  DnsServerConfig cfg;
  cfg.negative_ttl = 7s;
  DnsServer server(rt, 0, cfg, nullptr);
  const DnsMessage nx = ask(server, "nope.service.discolab", RrType::a);
  REQUIRE(nx.header.rcode == Rcode::name_error);
  REQUIRE(nx.answers.empty());
  REQUIRE(nx.authority.size() == 1);
  REQUIRE(nx.authority[0].ttl_s == 7);
  REQUIRE(std::get<SoaRecord>(nx.authority[0].data).minimum_s == 7);

  server.set_service("web", endpoints(0));
  const DnsMessage nodata = ask(server, "web.service.discolab", RrType::a);
  REQUIRE(nodata.header.rcode == Rcode::no_error);
  REQUIRE(nodata.answers.empty());
  REQUIRE(nodata.authority.size() == 1);

  server.set_service("web", endpoints(2));
  REQUIRE(ask(server, "web.service.discolab", RrType::aaaa).answers.empty());
  REQUIRE(ask(server, "0a000064.addr.discolab", RrType::a).answers.size() == 1);
  server.remove_service("web");
  REQUIRE(ask(server, "web.service.discolab", RrType::a).header.rcode == Rcode::name_error);
  REQUIRE(server.stats().nxdomain == 2);
}

TEST_CASE("the server reports its records per service as a view, on real changes only",
          "[dns][server]") {
  ManualRuntime rt;
  testing::RecordingObserver obs;
  rt.set_observer(obs);
  DnsServerConfig cfg;
  cfg.name = "coredns-1";
  DnsServer server(rt, 0, cfg, nullptr);
  server.set_service("web", endpoints(2, 5));
  server.set_service("web", endpoints(2, 5));  // same instances: no report
  server.set_service("web", endpoints(3, 4));
  server.remove_service("web");
  server.set_service("api", endpoints(0));
  REQUIRE(obs.views.size() == 2);
  REQUIRE(obs.views[0].component == "dns-server/coredns-1");
  REQUIRE(obs.views[0].service == "web");
  using Ids = std::vector<std::vector<InstanceId>>;
  REQUIRE(obs.views[0].changes == Ids{{5, 6}, {4, 5, 6}, {}});
  REQUIRE(obs.views[1].changes == Ids{{}});
}

TEST_CASE("over the runtime: answers go back with their wire size, a down server is silent",
          "[dns][server]") {
  ManualRuntime rt(1, 1ms);
  testing::RecordingObserver obs;
  rt.set_observer(obs);
  DnsServer server(rt, 0, DnsServerConfig{}, nullptr);
  server.set_service("web", endpoints(3));
  std::vector<Message> got;
  const EndpointId client = rt.open(1, "client", [&](const Message& m) { got.push_back(m); });
  const auto q = query("web.service.discolab", RrType::a);
  rt.send(make_dns_message(client, server.endpoint(), q, Transport::udp));
  REQUIRE(rt.traffic("client").bytes == q.size() + kUdpOverheadBytes);
  rt.advance(2ms);
  REQUIRE(got.size() == 1);
  const auto& packet = std::any_cast<const DnsPacket&>(got[0].body);
  REQUIRE(got[0].size_bytes == packet.bytes->size() + kUdpOverheadBytes);
  REQUIRE(got[0].plane == Plane::control);
  REQUIRE(decode(*packet.bytes).message.answers.size() == 3);
  REQUIRE(rt.traffic("dns-server").messages == 1);

  rt.send(make_dns_message(client, server.endpoint(), {1, 2, 3}, Transport::udp));  // garbage
  rt.advance(2ms);
  rt.set_host_up(0, false);
  rt.send(make_dns_message(client, server.endpoint(), q, Transport::tcp));
  rt.advance(1s);
  REQUIRE(got.size() == 1);
  REQUIRE(obs.counts["dns.server.malformed"] == 1);
  REQUIRE(server.stats().queries == 1);
}

#include "patterns/dns/dns_naming.h"

#include <catch2/catch.hpp>

using namespace discolab;
using namespace discolab::dns;

TEST_CASE("endpoints map to 10.0.0.0/8 and back", "[dns][naming]") {
  REQUIRE(ipv4_of_endpoint(0) == 0x0A000000u);
  REQUIRE(ipv4_of_endpoint(0x123456) == 0x0A123456u);
  REQUIRE_FALSE(ipv4_of_endpoint(1u << 24));
  REQUIRE(endpoint_of_ipv4(0x0A123456) == 0x123456u);
  REQUIRE_FALSE(endpoint_of_ipv4(0x0B000001));
  REQUIRE(format_ipv4(0x0A010203) == "10.1.2.3");
}

TEST_CASE("service and address names follow Consul's layout", "[dns][naming]") {
  DnsNaming n;
  REQUIRE(n.service_name("web") == "web.service.discolab");
  REQUIRE(n.service_of("web.service.discolab") == "web");
  REQUIRE(n.service_of("WEB.Service.DiscoLab.") == "web");
  REQUIRE_FALSE(n.service_of("web.service.other"));
  REQUIRE_FALSE(n.service_of("a.web.service.discolab"));
  REQUIRE_FALSE(n.service_of("service.discolab"));
  REQUIRE(n.address_name(0x0A00002A) == "0a00002a.addr.discolab");
  REQUIRE(n.address_of("0A00002A.addr.discolab") == 0x0A00002Au);
  REQUIRE_FALSE(n.address_of("0a00002.addr.discolab"));
  REQUIRE_FALSE(n.address_of("0a00002g.addr.discolab"));
}

TEST_CASE("answers turn back into the endpoints they name, in answer order", "[dns][naming]") {
  auto book = AddressBook{};
  book.remember(ServiceEndpoint{7, 3, 1, 2, 0});
  book.remember(ServiceEndpoint{5, 9, 2, 1, 1});
  DnsNaming n;
  DnsMessage m;
  m.answers.push_back(make_a("x", 5, *ipv4_of_endpoint(9)));
  m.answers.push_back(make_srv("x", 5, SrvRecord{1, 2, 80, n.address_name(*ipv4_of_endpoint(3))}));
  m.answers.push_back(make_a("x", 5, 0xC0A80001));             // not ours: skipped
  m.answers.push_back(make_a("x", 5, *ipv4_of_endpoint(11)));  // ours, unknown instance
  const EndpointList list = endpoints_of_answer(m, n, book);
  REQUIRE(list.size() == 3);
  REQUIRE(list[0] == ServiceEndpoint{5, 9, 2, 1, 1});
  REQUIRE(list[1] == ServiceEndpoint{7, 3, 1, 2, 0});
  REQUIRE(list[2].instance == kNoInstance);
  REQUIRE(list[2].address == 11u);
}

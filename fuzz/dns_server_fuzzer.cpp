// The DNS server's query path: any datagram or TCP message is dropped or answered with a
// message that decodes, and a UDP answer fits the largest EDNS payload the server sends.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "patterns/core/manual_runtime.h"
#include "patterns/dns/dns_server.h"
#include "patterns/dns/dns_wire.h"

namespace {

using namespace discolab;

// One server with a service of 30 endpoints, made once: respond() keeps no per-query state.
dns::DnsServer& server() {
  static ManualRuntime rt;
  static const auto s = [] {
    auto made = std::make_unique<dns::DnsServer>(rt, 0, dns::DnsServerConfig{}, nullptr);
    auto list = std::make_shared<EndpointList>();
    for (std::uint32_t i = 0; i < 30; ++i) list->push_back(ServiceEndpoint{i, 100 + i, i, 1, 0});
    made->set_service("web", list);
    return made;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> query(data, size);
  for (const auto t : {dns::Transport::udp, dns::Transport::tcp}) {
    if (const auto reply = server().respond(query, t)) {
      if (!dns::decode(*reply).ok()) __builtin_trap();
      if (t == dns::Transport::udp && reply->size() > 1232) __builtin_trap();
    }
  }
  return 0;
}

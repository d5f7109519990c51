// Names and synthetic addresses: how the simulator's endpoints appear in DNS and back.
//
// Every endpoint (one container's listening socket) gets its own IPv4 address in 10.0.0.0/8,
// the endpoint id in the low 24 bits — the Kubernetes model of one IP per pod, so A records
// tell instances apart even when several share a host. Endpoint ids of 2^24 and above have
// no address (ipv4_of_endpoint returns nullopt; the server leaves them out of answers).
//
// Names, under a configurable domain (default "discolab"):
//   <service>.service.<domain>   A: the instances' addresses; SRV: one record per instance
//                                 (Consul's layout, "web.service.consul")
//   <8 hex digits>.addr.<domain> the target of an SRV record: the address in hex, as Consul
//                                 names SRV targets ("0a000001.addr.dc1.consul")
//
// The AddressBook is the reverse mapping a DNS answer cannot carry: the instance, host,
// weight and zone behind an address. The server writes every endpoint it ever serves; the
// resolvers read it to turn answers into ServiceEndpoint lists. Entries are never removed
// (endpoint ids are never reused), so a stale cached answer still names the instances it
// held — which is what the stale-view metrics need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "patterns/core/endpoint.h"
#include "patterns/dns/dns_message.h"

namespace discolab::dns {

inline constexpr std::uint32_t kEndpointNetwork = 0x0A000000;  // 10.0.0.0/8
inline constexpr std::uint32_t kEndpointHostBits = 24;

std::optional<std::uint32_t> ipv4_of_endpoint(EndpointId endpoint);
std::optional<EndpointId> endpoint_of_ipv4(std::uint32_t ipv4);
std::string format_ipv4(std::uint32_t ipv4);  // dotted quad, "10.0.0.1"

struct DnsNaming {
  std::string domain = "discolab";

  std::string service_name(std::string_view service) const;
  // The service label of "<service>.service.<domain>" (lowercase), or nullopt.
  std::optional<std::string> service_of(std::string_view name) const;
  std::string address_name(std::uint32_t ipv4) const;
  std::optional<std::uint32_t> address_of(std::string_view name) const;
};

class AddressBook {
 public:
  void remember(const ServiceEndpoint& endpoint) { by_address_[endpoint.address] = endpoint; }
  // What is known of `address`; an unknown one yields an endpoint with kNoInstance/kNoHost.
  ServiceEndpoint lookup(EndpointId address) const;
  std::size_t size() const { return by_address_.size(); }

 private:
  std::unordered_map<EndpointId, ServiceEndpoint> by_address_;
};

// The endpoints an answer names, in answer order (the order is what round-robin DNS
// conveys, so it is kept rather than sorted): A records by address, SRV records by target
// name. Records of other types, foreign addresses and names outside `naming` are skipped.
EndpointList endpoints_of_answer(const DnsMessage& response, const DnsNaming& naming,
                                 const AddressBook& book);

}  // namespace discolab::dns

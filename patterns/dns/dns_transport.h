// How DNS messages travel between runtime endpoints, and what they cost on the network.
//
// A DNS message is a runtime Message whose body is a DnsPacket: the encoded bytes (shared,
// immutable) and the transport. Its size_bytes is the real wire size plus the headers below
// it, so control-plane bytes follow the records actually sent:
//   UDP: DNS bytes + 28 (IPv4 20 + UDP 8)
//   TCP: DNS bytes + 42 (IPv4 20 + TCP 20 + the 2-byte length prefix of RFC 1035 4.2.2)
// TCP is modelled as one query and one answer carrying those headers; the handshake and
// teardown (one more round trip, a few empty segments) are not modelled.
// DNS traffic is control plane (Plane::control): it is discovery, not the service's data.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "patterns/core/message.h"

namespace discolab::dns {

enum class Transport : std::uint8_t { udp, tcp };

inline constexpr std::uint32_t kUdpOverheadBytes = 28;
inline constexpr std::uint32_t kTcpOverheadBytes = 42;

struct DnsPacket {
  std::shared_ptr<const std::vector<std::uint8_t>> bytes;
  Transport transport = Transport::udp;
};

inline std::uint32_t wire_size_bytes(std::size_t dns_bytes, Transport transport) {
  return static_cast<std::uint32_t>(dns_bytes) +
         (transport == Transport::udp ? kUdpOverheadBytes : kTcpOverheadBytes);
}

inline Message make_dns_message(EndpointId from, EndpointId to, std::vector<std::uint8_t> bytes,
                                Transport transport) {
  const std::uint32_t size = wire_size_bytes(bytes.size(), transport);
  DnsPacket packet{std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes)), transport};
  return Message{from, to, size, Plane::control, DeliveryStatus::delivered, std::move(packet)};
}

}  // namespace discolab::dns

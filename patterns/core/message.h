// A message between two endpoints: what crosses the simulated network.
//
// The engine charges `size_bytes` on the route (latency + size / bandwidth) and counts
// control-plane messages and bytes per sending component. The body is typed by the protocol
// that sends it; the receiver dispatches with std::any_cast<T>(&msg.body). Bodies of at most
// 8 bytes that are nothrow-movable (a request id, say) are stored inline without allocation,
// which keeps the data plane cheap; larger bodies should be immutable and shared
// (std::shared_ptr<const T>) when one message goes to many receivers.
#pragma once

#include <any>
#include <cstdint>

#include "patterns/core/ids.h"

namespace discolab {

enum class Plane : std::uint8_t { data, control };

// delivered: the receiver's handler gets the message.
// refused: the destination endpoint was closed while its host was up and reachable (a crashed
//   container: TCP RST). The engine hands the message back to the *sender's* handler, fields
//   unchanged but this one, one round trip after the send.
// A message to a host that is down or cut off is dropped silently: the sender's timeout fires.
enum class DeliveryStatus : std::uint8_t { delivered, refused };

struct Message {
  EndpointId from = kNoEndpoint;
  EndpointId to = kNoEndpoint;
  std::uint32_t size_bytes = 0;
  Plane plane = Plane::data;
  DeliveryStatus status = DeliveryStatus::delivered;
  std::any body;
};

}  // namespace discolab

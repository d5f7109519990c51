// The data-plane protocol between callers and instances.
//
// A caller sends a RequestMsg per try; the instance answers with a ResponseMsg (served) or a
// RejectMsg (queue full). When the instance's process crashes with the try queued or in
// service, its connection is reset: a ResetMsg goes to the caller (a bare TCP RST, sent before
// the endpoint closes; a host that is down sends nothing, so its callers time out). All are
// 8 bytes so they travel inline in Message::body. The try id is unique per caller endpoint; a
// caller ignores answers for tries it has given up on.
#pragma once

#include <cstdint>

namespace discolab {

struct RequestMsg {
  std::uint64_t try_id = 0;
};
struct ResponseMsg {
  std::uint64_t try_id = 0;
};
struct RejectMsg {
  std::uint64_t try_id = 0;
};
struct ResetMsg {
  std::uint64_t try_id = 0;
};

// Wire sizes charged on the network for a request and its answer (headers of a small
// HTTP/1.1 call); a scenario may scale them later.
inline constexpr std::uint32_t kRequestBytes = 512;
inline constexpr std::uint32_t kResponseBytes = 1024;
// A reset: a bare TCP RST over IPv4 (20-byte IP header + 20-byte TCP header).
inline constexpr std::uint32_t kResetBytes = 40;

}  // namespace discolab

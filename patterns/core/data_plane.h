// The data-plane protocol between callers and instances.
//
// A caller sends a RequestMsg per try; the instance answers with a ResponseMsg (served) or a
// RejectMsg (queue full). When the instance's process crashes with the try queued or in
// service, its connection is reset: a ResetMsg goes to the caller (a bare TCP RST, sent before
// the endpoint closes; a host that is down sends nothing, so its callers time out). The try id
// is unique per caller endpoint; a caller ignores answers for tries it has given up on.
//
// A request carries the whole Request (id, hash key, route, origin) so that an intermediary
// can forward it; a rejection carries its cause: `overloaded` from a server whose queue is
// full, or the cause an intermediary's upstream leg failed with (no_endpoint, timeout,
// retries_exhausted …). ResponseMsg and ResetMsg are 8 bytes and travel inline in
// Message::body; RequestMsg (32 bytes) and RejectMsg (16) are stored on the heap by std::any
// (docs/performance.md measures what that costs).
#pragma once

#include <cstdint>

#include "patterns/core/observer.h"
#include "patterns/core/request.h"

namespace discolab {

struct RequestMsg {
  std::uint64_t try_id = 0;
  Request request{};
};
struct ResponseMsg {
  std::uint64_t try_id = 0;
};
struct RejectMsg {
  std::uint64_t try_id = 0;
  FailureCause cause = FailureCause::overloaded;
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

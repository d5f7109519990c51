// The active health-check protocol: a checker sends HealthCheckMsg, the checked side answers
// HealthCheckReplyMsg (healthy = an HTTP 200, unhealthy = a 503). A refused check (the
// checked endpoint is closed: the container crashed) and a check without answer within the
// checker's timeout both count as failures.
//
// Both bodies fit in 8 bytes, so they travel inline in Message::body. Sizes charged on the
// network are the checker's `check_bytes` and the responder's `reply_bytes` (defaults below:
// an HTTP/1.1 GET /health and its headers-only answer). Health checks travel on the control
// plane, so their cost shows with the component that sends them.
#pragma once

#include <cstdint>

namespace discolab {

struct HealthCheckMsg {
  std::uint32_t seq = 0;  // unique per checker; echoed in the reply
};

struct HealthCheckReplyMsg {
  std::uint32_t seq = 0;
  bool healthy = true;
};

inline constexpr std::uint32_t kHealthCheckBytes = 256;
inline constexpr std::uint32_t kHealthCheckReplyBytes = 256;

}  // namespace discolab

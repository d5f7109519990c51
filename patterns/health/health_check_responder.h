// The checked side of active health checks: who answers HealthCheckMsg.
//
// The simulator's instance servers answer checks on their own endpoint through answer()
// (sim/cluster/instance_server.h). A pattern that needs a separate health port gives an
// instance a responder: a small endpoint on the instance's host (like a kubelet probe target or
// Consul's check URL), opened when the container starts and closed when it crashes, so that
// checks of a crashed instance are refused and checks of a down host time out. set_healthy(false)
// makes it answer "unhealthy" (a 503: not ready, draining, a failed dependency). A component that
// already owns an endpoint can instead call answer() from its handler.
#pragma once

#include <cstdint>
#include <string_view>

#include "patterns/core/runtime.h"
#include "patterns/health/health_check_protocol.h"

namespace discolab {

class HealthCheckResponder {
 public:
  // Opens the health endpoint on `host`; `component` names it for cost accounting.
  HealthCheckResponder(Runtime& rt, HostId host, std::string_view component = "health-port",
                       std::uint32_t reply_bytes = kHealthCheckReplyBytes);
  ~HealthCheckResponder();
  HealthCheckResponder(const HealthCheckResponder&) = delete;
  HealthCheckResponder& operator=(const HealthCheckResponder&) = delete;

  // Where checkers send their checks (kNoEndpoint once closed).
  EndpointId address() const { return address_; }
  void set_healthy(bool healthy) { healthy_ = healthy; }
  bool healthy() const { return healthy_; }
  // The container crashed or stopped: further checks are refused by the runtime.
  void close();
  std::uint64_t answered() const { return answered_; }

  // Answers `msg` from its destination if it is a HealthCheckMsg; returns whether it was one.
  static bool answer(Runtime& rt, const Message& msg, bool healthy,
                     std::uint32_t reply_bytes = kHealthCheckReplyBytes);

 private:
  Runtime& rt_;
  std::uint32_t reply_bytes_;
  EndpointId address_ = kNoEndpoint;
  bool healthy_ = true;
  std::uint64_t answered_ = 0;
};

}  // namespace discolab

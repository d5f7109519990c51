#include "patterns/health/health_check_responder.h"

namespace discolab {

HealthCheckResponder::HealthCheckResponder(Runtime& rt, HostId host, std::string_view component,
                                           std::uint32_t reply_bytes)
    : rt_(rt), reply_bytes_(reply_bytes) {
  address_ = rt_.open(host, component, [this](const Message& msg) {
    if (answer(rt_, msg, healthy_, reply_bytes_)) ++answered_;
  });
}

HealthCheckResponder::~HealthCheckResponder() { close(); }

void HealthCheckResponder::close() {
  if (address_ == kNoEndpoint) return;
  rt_.close(address_);
  address_ = kNoEndpoint;
}

bool HealthCheckResponder::answer(Runtime& rt, const Message& msg, bool healthy,
                                  std::uint32_t reply_bytes) {
  const auto* check = std::any_cast<HealthCheckMsg>(&msg.body);
  if (check == nullptr || msg.status != DeliveryStatus::delivered) return false;
  rt.send(Message{msg.to, msg.from, reply_bytes, Plane::control, DeliveryStatus::delivered,
                  HealthCheckReplyMsg{check->seq, healthy}});
  return true;
}

}  // namespace discolab

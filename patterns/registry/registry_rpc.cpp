#include "patterns/registry/registry_rpc.h"

namespace discolab::registry {

RegistryRpc::RegistryRpc(Runtime& runtime, HostId host, std::string_view endpoint_kind,
                         EndpointId registry, MessageHandler other)
    : rt_(runtime), registry_(registry), other_(std::move(other)) {
  endpoint_ = rt_.open(host, endpoint_kind, [this](const Message& m) { on_message(m); });
}

RegistryRpc::~RegistryRpc() {
  cancel_all();
  rt_.close(endpoint_);
}

void RegistryRpc::cancel_all() {
  for (const auto& [id, p] : pending_) rt_.cancel(p.timer);
  pending_.clear();
}

void RegistryRpc::track(std::uint64_t id, Duration timeout, Done on_done) {
  const TimerId timer = rt_.schedule(timeout, [this, id] { finish(id, nullptr); });
  pending_.emplace(id, Pending{timer, std::move(on_done)});
}

void RegistryRpc::send(std::any body, std::uint32_t size_bytes) {
  send_to(registry_, size_bytes, std::move(body));
}

void RegistryRpc::send_to(EndpointId to, std::uint32_t size_bytes, std::any body) {
  rt_.send(Message{endpoint_, to, size_bytes, Plane::control, DeliveryStatus::delivered,
                   std::move(body)});
}

void RegistryRpc::finish(std::uint64_t id, const RegistryReply* reply) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Done done = std::move(it->second.on_done);
  rt_.cancel(it->second.timer);
  pending_.erase(it);
  if (done) done(reply);
}

void RegistryRpc::on_message(const Message& msg) {
  if (msg.from == registry_ || msg.to == registry_) {
    if (msg.status == DeliveryStatus::refused) {
      if (const std::uint64_t id = request_id_of(msg.body); pending_.contains(id)) {
        return finish(id, nullptr);
      }
    } else if (auto* r = std::any_cast<RegistryReply>(&msg.body)) {
      return finish(r->request_id, r);
    }
  }
  if (other_) other_(msg);
}

}  // namespace discolab::registry

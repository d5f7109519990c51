#include "patterns/registry/orchestrator_registrar.h"

#include "patterns/core/observer.h"

namespace discolab::registry {

OrchestratorRegistrar::OrchestratorRegistrar(Runtime& runtime, HostId host, EndpointId registry,
                                             OrchestratorConfig config)
    : rt_(runtime),
      config_(std::move(config)),
      rpc_(runtime, host, config_.endpoint_kind, registry) {}

OrchestratorRegistrar::~OrchestratorRegistrar() {
  for (const auto& [id, d] : pending_) rt_.cancel(d.retry);
}

void OrchestratorRegistrar::set(InstanceRecord record) {
  const InstanceId id = record.id;
  Desired& d = pending_[id];
  d.version = next_version_++;
  d.record = std::make_shared<const InstanceRecord>(std::move(record));
  write(id);
}

void OrchestratorRegistrar::remove(InstanceId id) {
  Desired& d = pending_[id];
  d.version = next_version_++;
  d.record = nullptr;
  write(id);
}

void OrchestratorRegistrar::write(InstanceId id) {
  Desired& d = pending_.at(id);
  rt_.cancel(d.retry);
  d.retry = kNoTimer;
  // One write in flight per instance; a newer desired state is sent when it settles.
  if (d.in_flight) return;
  d.in_flight = true;
  const std::uint64_t version = d.version;
  auto on_done = [this, id, version](const RegistryReply* r) { done(id, version, r); };
  if (d.record) {
    rpc_.call(RegisterRequest{0, config_.identity, d.record, Duration::zero()},
              config_.sizes.request(true), config_.request_timeout, on_done);
  } else {
    rpc_.call(DeregisterRequest{0, config_.identity, id}, config_.sizes.request(false),
              config_.request_timeout, on_done);
  }
}

void OrchestratorRegistrar::done(InstanceId id, std::uint64_t version, const RegistryReply* r) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Desired& d = it->second;
  d.in_flight = false;
  const bool removing = !d.record;
  const bool ok =
      r && (r->error == WriteError::none || (removing && r->error == WriteError::not_found));
  if (ok && version == d.version) {
    pending_.erase(it);
    return;
  }
  if (!ok) {
    rt_.observer().count("registry.orchestrator_write_errors");
    d.retry = rt_.schedule(config_.retry_interval, [this, id] { write(id); });
    return;
  }
  write(id);  // acknowledged, but a newer state is wanted
}

}  // namespace discolab::registry

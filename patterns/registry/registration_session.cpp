#include "patterns/registry/registration_session.h"

#include "patterns/core/observer.h"

namespace discolab::registry {

RegistrationSession::RegistrationSession(Runtime& runtime, HostId host, EndpointId registry,
                                         InstanceRecord record, RegistrationConfig config,
                                         MessageHandler other)
    : config_(std::move(config)),
      record_(std::make_shared<const InstanceRecord>(std::move(record))),
      rpc_(runtime, host, config_.endpoint_kind, registry, std::move(other)),
      phase_(runtime.random(record_->name, "heartbeat-phase")),
      jitter_(runtime.random(record_->name, "heartbeat-jitter")) {
  if (config_.identity.empty()) config_.identity = record_->service;
}

void RegistrationSession::begin() {
  if (active_) return;
  active_ = true;
  registered_ = false;
  beat_timer_ = rpc_.runtime().schedule(config_.initial_delay, [this] {
    send_register();
    const Duration interval = config_.heartbeat_interval;
    beat(config_.random_phase ? phase_.phase(interval) : interval);
  });
}

void RegistrationSession::beat(Duration after) {
  beat_timer_ = rpc_.runtime().schedule(after, [this] {
    registered_ ? send_renew() : send_register();
    beat(jitter_.jittered(config_.heartbeat_interval, config_.jitter));
  });
}

void RegistrationSession::send_register() {
  const WireSizes& sizes = config_.sizes;
  rpc_.call(RegisterRequest{0, config_.identity, record_, config_.lease}, sizes.request(true),
            config_.request_timeout, [this](const RegistryReply* r) {
              registered_ = r && r->error == WriteError::none;
              if (!registered_) rpc_.runtime().observer().count("registry.register_errors");
            });
}

void RegistrationSession::send_renew() {
  const WireSizes& sizes = config_.sizes;
  rpc_.call(RenewRequest{0, config_.identity, record_->id}, sizes.request(false),
            config_.request_timeout, [this](const RegistryReply* r) {
              if (r && r->error == WriteError::not_found) {
                registered_ = false;  // evicted: register again at the next beat
              } else if (!r || r->error != WriteError::none) {
                rpc_.runtime().observer().count("registry.renew_errors");
              }
            });
}

void RegistrationSession::end(bool graceful) {
  if (!active_) return;
  active_ = false;
  rpc_.runtime().cancel(beat_timer_);
  beat_timer_ = kNoTimer;
  rpc_.cancel_all();
  if (graceful) {
    const WireSizes& sizes = config_.sizes;
    rpc_.call(DeregisterRequest{0, config_.identity, record_->id}, sizes.request(false),
              config_.request_timeout, [this](const RegistryReply* r) {
                if (!r || (r->error != WriteError::none && r->error != WriteError::not_found)) {
                  rpc_.runtime().observer().count("registry.deregister_errors");
                }
              });
  }
  registered_ = false;
}

}  // namespace discolab::registry

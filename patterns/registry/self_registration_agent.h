// Self-registration: the instance registers itself and keeps its lease alive (Eureka client,
// a service registering with a Consul TTL check, an etcd lease keep-alive).
//
// Lives in the instance's process, with its own endpoint on the instance's host. ready()
// registers (after config.initial_delay) and then renews every heartbeat_interval; stop() is
// the graceful goodbye (Deregister); kill() is a crash: timers cancelled, nothing more is
// sent, and the entry stays until the registry expires its lease. Parameters and defaults:
// RegistrationConfig (registration_session.h) — Eureka's 90 s lease and 30 s heartbeat.
#pragma once

#include "patterns/core/pattern.h"
#include "patterns/registry/registration_session.h"

namespace discolab::registry {

class SelfRegistrationAgent {
 public:
  // `zone_index` is the scenario's number for info.zone (InstanceRecord::zone_index).
  SelfRegistrationAgent(Runtime& runtime, EndpointId registry, const InstanceInfo& info,
                        RegistrationConfig config = {}, std::uint32_t zone_index = 0)
      : session_(runtime, info.host, registry, record_from(info, zone_index), std::move(config)) {}

  void ready() { session_.begin(); }
  void stop() { session_.end(true); }
  void kill() { session_.end(false); }

  bool active() const { return session_.active(); }
  bool registered() const { return session_.registered(); }

 private:
  RegistrationSession session_;
};

}  // namespace discolab::registry

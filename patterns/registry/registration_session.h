// Keeping one instance registered: register, renew on a heartbeat, deregister or go silent.
//
// Shared by the self-registration agent (the instance does it) and the sidecar (an agent
// next to it does it). Timeline from begin() at t0:
//   t0 + initial_delay            Register(record, lease)
//   the first beat a random phase U(0, heartbeat_interval] later (stream
//   "<record name>"/"heartbeat-phase"; `random_phase` false: exactly one interval later), so
//   instances started together do not renew in lockstep (docs/architecture.md, decision 6);
//   then every heartbeat_interval, each jittered uniformly by ± `jitter` × interval (stream
//   "<record name>"/"heartbeat-jitter"; Eureka has no jitter: default 0).
//   At each beat: Renew if the last write succeeded, else Register
//   again (a renewal answered "not found", i.e. the registry evicted us, also registers
//   again at the next beat — Eureka's client re-registers on a 404).
// end(graceful=true) sends Deregister and stops beating; end(false) stops without a word
// (a crash), leaving the entry to expire. Errors and timeouts are counted
// ("registry.register_errors", "registry.renew_errors", "registry.deregister_errors").
//
// Parameters (defaults: Eureka client, real-system-defaults.json netflix_eureka_ribbon):
// lease 90 s (lease_expiration_duration), heartbeat_interval 30 s (lease_renewal_interval),
// request_timeout 5 s (assumed: a client's connect timeout), identity "" = the service name.
#pragma once

#include <string>

#include "patterns/core/random.h"
#include "patterns/registry/registry_rpc.h"

namespace discolab::registry {

struct RegistrationConfig {
  Duration lease = std::chrono::seconds(90);
  Duration heartbeat_interval = std::chrono::seconds(30);
  Duration initial_delay{0};
  Duration request_timeout = std::chrono::seconds(5);
  std::string identity;  // ACL identity; "" = the record's service
  std::string endpoint_kind = "registration";
  WireSizes sizes{};
  bool random_phase = true;  // the first beat at U(0, heartbeat_interval] after registering
  double jitter = 0.0;       // fraction of heartbeat_interval, in [0, 1)
};

class RegistrationSession {
 public:
  RegistrationSession(Runtime& runtime, HostId host, EndpointId registry, InstanceRecord record,
                      RegistrationConfig config, MessageHandler other = nullptr);
  ~RegistrationSession() { end(false); }
  RegistrationSession(const RegistrationSession&) = delete;
  RegistrationSession& operator=(const RegistrationSession&) = delete;

  void begin();
  void end(bool graceful);

  bool active() const { return active_; }
  // The last write the registry acknowledged left our entry in place.
  bool registered() const { return registered_; }
  const InstanceRecord& record() const { return *record_; }
  RegistryRpc& rpc() { return rpc_; }

 private:
  void beat(Duration after);
  void send_register();
  void send_renew();

  RegistrationConfig config_;
  RecordPtr record_;
  RegistryRpc rpc_;
  RandomStream phase_;
  RandomStream jitter_;
  bool active_ = false;
  bool registered_ = false;
  TimerId beat_timer_ = kNoTimer;
};

}  // namespace discolab::registry

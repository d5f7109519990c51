// Active health checking: a component probes each target endpoint on a timer and declares it
// unhealthy after `fall` consecutive failures, healthy again after `rise` consecutive
// successes.
//
// Who runs it decides where it lives: a registry checking its members (Consul), a load
// balancer or proxy checking its backends (HAProxy, Envoy, NGINX Plus), a gateway (Kong), or a
// helper container (SmartStack's nerve). It opens one endpoint on `host`, named `component`
// for cost accounting, and sends each target a HealthCheckMsg of `check_bytes` on the control
// plane. Who answers: see health_check_responder.h.
//
// Timing rules (each covered by a test on the manual clock):
// - The first check of a target goes out when it is added (or at a uniform random instant in
//   [0, interval) with spread_first_check, as HAProxy spreads its start-up checks).
// - A check fails when it is refused, answered "unhealthy", or unanswered `timeout` after it
//   left. Its outcome is known at the reply's arrival, the refusal's return or the timeout.
// - The next check leaves one interval after the previous outcome (Envoy and HAProxy time the
//   next check from the end of the last), the interval drawn uniformly in
//   interval·[1 − jitter, 1 + jitter]. At most one check per target is in flight.
// - Transitions are reported through the callback at the outcome that completes the count.
//   The initial state (start_healthy) is not reported.
//
// Parameters (defaults are HAProxy's): interval (2 s, `inter`), timeout (1 s; Kubernetes
// probe timeoutSeconds), fall (3), rise (2), jitter (fraction, 0), check_bytes (256),
// start_healthy (true, HAProxy; Envoy and Kubernetes readiness start unhealthy),
// initial_rise (successes needed before the first healthy state; 0 = rise; Envoy needs 1).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <unordered_map>

#include "patterns/core/endpoint.h"
#include "patterns/core/runtime.h"
#include "patterns/health/health_check_protocol.h"

namespace discolab {

struct ActiveHealthCheckConfig {
  Duration interval = std::chrono::seconds(2);
  Duration timeout = std::chrono::seconds(1);
  std::uint32_t fall = 3;  // consecutive failures: healthy -> unhealthy (Envoy unhealthy_threshold)
  std::uint32_t rise = 2;  // consecutive successes: unhealthy -> healthy (Envoy healthy_threshold)
  double jitter = 0.0;     // fraction of interval, in [0, 1)
  std::uint32_t check_bytes = kHealthCheckBytes;
  bool start_healthy = true;
  std::uint32_t initial_rise = 0;
  // Off by default (the checker alone keeps exact times for its tests), but a pattern whose
  // checkers are independent processes should turn it on: decision 6, docs/architecture.md.
  bool spread_first_check = false;
  std::string component = "health-checker";
};

// (instance, healthy): the target's new state.
using HealthTransitionCallback = std::function<void(InstanceId, bool)>;

class ActiveHealthChecker {
 public:
  // `entity` keys the checker's random stream (jitter), e.g. "lb-1/health".
  ActiveHealthChecker(Runtime& rt, HostId host, ActiveHealthCheckConfig config,
                      HealthTransitionCallback on_transition, std::string_view entity);
  ~ActiveHealthChecker();
  ActiveHealthChecker(const ActiveHealthChecker&) = delete;
  ActiveHealthChecker& operator=(const ActiveHealthChecker&) = delete;

  // Starts checking `instance` at `check_address` (a responder's address, or the instance's
  // own endpoint if its handler answers checks). Re-adding a target is a no-op.
  void add_target(InstanceId instance, EndpointId check_address);
  // Stops checking; a check in flight is forgotten. No transition is reported.
  void remove_target(InstanceId instance);
  // Makes the targets exactly `endpoints`, checked at their `address`; keeps the state of
  // those already checked.
  void sync_targets(std::span<const ServiceEndpoint> endpoints);

  // The target's current state; false for an instance that is not a target.
  bool healthy(InstanceId instance) const;
  bool has_target(InstanceId instance) const { return targets_.contains(instance); }
  std::size_t target_count() const { return targets_.size(); }
  EndpointId address() const { return endpoint_; }

  struct Stats {
    std::uint64_t sent = 0;
    std::uint64_t succeeded = 0;
    std::uint64_t answered_unhealthy = 0;
    std::uint64_t refused = 0;
    std::uint64_t timed_out = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  struct Target {
    EndpointId address = kNoEndpoint;
    bool healthy = true;
    bool ever_healthy = true;  // initial_rise applies until the first healthy state
    std::uint32_t successes = 0;
    std::uint32_t failures = 0;
    std::uint32_t pending_seq = 0;  // the check in flight, 0 when none
    TimerId timer = kNoTimer;       // next check, or the timeout of the one in flight
  };

  void send_check(InstanceId instance);
  void on_message(const Message& msg);
  void on_timeout(InstanceId instance, std::uint32_t seq);
  void record(InstanceId instance, bool ok);
  Duration next_interval();

  Runtime& rt_;
  ActiveHealthCheckConfig config_;
  HealthTransitionCallback on_transition_;
  RandomStream random_;
  EndpointId endpoint_ = kNoEndpoint;
  std::map<InstanceId, Target> targets_;
  std::unordered_map<std::uint32_t, InstanceId> in_flight_;  // seq -> target
  std::uint32_t next_seq_ = 0;
  Stats stats_;
};

}  // namespace discolab

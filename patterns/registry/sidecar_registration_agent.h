// Sidecar (helper) registration: an agent next to the container checks it and registers it
// on its behalf (Airbnb nerve, Registrator, a Consul agent with a script check).
//
// Every check_interval the sidecar sends the instance a probe (a RequestMsg to its endpoint,
// answered by the application like any request): a ResponseMsg passes; a RejectMsg (not
// ready, overloaded), a refusal (the container is gone) or no answer within check_timeout
// fails. After `rise` consecutive passes the sidecar registers the instance and keeps its
// lease alive (RegistrationSession); after `fall` consecutive failures it deregisters it.
//
// The sidecar fails independently of its container, which is what makes it interesting:
// - sidecar killed, container alive: renewals stop; the entry expires with its lease and a
//   live instance disappears from discovery;
// - container dead, sidecar alive: the entry stays until the next failing check (plus fall−1
//   intervals), so callers are sent to a dead instance meanwhile.
//
// Defaults (real-system-defaults.json dcos_marathonlb_smartstack): nerve's check_interval
// 0.5 s, check timeout 0.1 s, rise 1, fall 1; nerve registers an ephemeral ZooKeeper node
// whose session times out after ~32 s: lease 32 s; the ZooKeeper client pings every third
// of the session timeout, so heartbeat_interval 10 s (assumed, rounded).
#pragma once

#include <cstdint>

#include "patterns/core/pattern.h"
#include "patterns/registry/registration_session.h"

namespace discolab::registry {

struct SidecarConfig {
  Duration check_interval = std::chrono::milliseconds(500);
  Duration check_timeout = std::chrono::milliseconds(100);
  std::uint32_t rise = 1;
  std::uint32_t fall = 1;
  // One agent per host (a Consul agent, nerve: github:airbnb/nerve README "runs locally on
  // the boxes"): it outlives a crashed container and deregisters it after its failed checks
  // (retire()); false: a sidecar in the pod, which dies with it (the lease expires).
  bool per_host = false;
  RegistrationConfig registration = default_registration();

  static RegistrationConfig default_registration() {
    RegistrationConfig r;
    r.lease = std::chrono::seconds(32);
    r.heartbeat_interval = std::chrono::seconds(10);
    r.endpoint_kind = "sidecar";
    return r;
  }
};

class SidecarRegistrationAgent {
 public:
  SidecarRegistrationAgent(Runtime& runtime, EndpointId registry, const InstanceInfo& info,
                           SidecarConfig config = {}, std::uint32_t zone_index = 0);
  ~SidecarRegistrationAgent();
  SidecarRegistrationAgent(const SidecarRegistrationAgent&) = delete;
  SidecarRegistrationAgent& operator=(const SidecarRegistrationAgent&) = delete;

  // The sidecar process starts (usually with its container): the first check runs at once.
  void start();
  // The sidecar dies: no more checks, renewals or goodbye.
  void kill();
  // The container stops gracefully and the sidecar with it: it deregisters the instance at once
  // (Registrator on the container runtime's stop event; nerve closing its ZooKeeper session).
  void stop();
  // Its container is gone but the agent lives on (a per-host agent: a Consul agent, nerve):
  // it goes on checking, deregisters the instance after `fall` failed checks as usual, then
  // stops. Stops at once when it does not list the instance.
  void retire();

  bool running() const { return running_; }
  bool healthy() const { return healthy_; }  // the sidecar's verdict on its container
  bool registered() const { return session_.registered(); }

 private:
  void halt(bool graceful);
  void check();
  void on_message(const Message& msg);
  void result(bool pass);

  Runtime& rt_;
  SidecarConfig config_;
  EndpointId target_;
  RegistrationSession session_;
  bool running_ = false;
  bool retiring_ = false;
  bool healthy_ = false;
  std::uint32_t streak_ = 0;  // consecutive results disagreeing with healthy_
  std::uint64_t probe_id_ = 0;
  bool probe_open_ = false;
  TimerId check_timer_ = kNoTimer;
  TimerId timeout_timer_ = kNoTimer;
};

}  // namespace discolab::registry

// The contract between a discovery pattern and the cluster that hosts it.
//
// The simulator owns the containers and tells the pattern what happens to them; the pattern
// owns everything discovery does: registration agents, registries, caches, balancers, the
// callers' side of the data plane. The simulator owns the instances' request serving (their
// endpoints answer RequestMsg with ResponseMsg), so every pattern faces the same servers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "patterns/core/ids.h"
#include "patterns/core/request.h"
#include "patterns/core/time.h"

namespace discolab {

class Runtime;

// One container incarnation. `endpoint` is open from instance_started() until the instance is
// crashed or stopped; it serves requests once ready.
struct InstanceInfo {
  InstanceId id = kNoInstance;
  std::string service;
  std::string name;  // unique, e.g. "web-7"
  HostId host = kNoHost;
  std::string host_name;
  std::string zone;
  std::uint32_t zone_index = 0;  // the zone as a number (rack index), for zone-aware policies
  std::string version;
  std::uint32_t weight = 1;
  EndpointId endpoint = kNoEndpoint;
};

// Who waits for the outcome of a caller's requests besides the observer.
class RequestListener {
 public:
  virtual ~RequestListener() = default;
  virtual void request_finished(const Request& request, const RequestOutcome& outcome) = 0;
};

// A caller of one service, living on `host`.
struct CallerInfo {
  std::string name;  // unique, e.g. "users-2"
  std::string
      group;  // the client group it belongs to, e.g. "users" (figures are broken down by it)
  HostId host = kNoHost;
  std::string target_service;
  Duration try_timeout{};
  std::uint32_t max_retries = 0;  // tries beyond the first
  // A caller outside the cluster (north-south: users on the internet). An API gateway takes
  // its requests at the edge; every other pattern serves it as any caller.
  bool external = false;
  // Hears each request's outcome as well as the observer (not owned; optional): the instance
  // whose downstream call this caller makes waits for it (the service call graph).
  RequestListener* listener = nullptr;
};

// The caller's side of the data plane. start() is called once, when the client starts (a
// client joins a running cluster at a time the scenario sets): the caller begins its
// discovery then (e.g. its first registry fetch), not when it is created. issue() starts one
// request (patterns/core/request.h), only after start(); its outcome is reported through
// Observer::request_done (exactly once per request). A caller may hold requests issued before its
// discovery is ready (as a client library's first call waits for its initial server list); the wait
// counts in their latency.
class Caller {
 public:
  virtual ~Caller() = default;
  virtual void start() {}
  virtual void issue(const Request& request) = 0;
};

class DiscoveryPattern {
 public:
  virtual ~DiscoveryPattern() = default;

  virtual std::string_view name() const = 0;

  // Brings up the pattern's own components (registry, DNS server, LB …) at time 0.
  virtual void start() = 0;

  // Container lifecycle, in this order for one instance: started → ready → (stopping | crashed).
  // A host failure crashes every instance on the host.
  virtual void instance_started(const InstanceInfo& info) = 0;  // process up, not yet ready
  virtual void instance_ready(InstanceId id) = 0;               // passes its readiness probe
  virtual void instance_stopping(InstanceId id) = 0;  // graceful: says goodbye, then drains
  virtual void instance_crashed(InstanceId id) = 0;   // no goodbye: its agents go silent
  // The instance is gone for good (after crash or drain); release what refers to it.
  virtual void instance_gone(InstanceId id) = 0;

  // A host of the pattern's own components failed or came back (registry, LB …); instances'
  // hosts are reported through the instance calls above.
  virtual void host_down(HostId host) { (void)host; }
  virtual void host_up(HostId host) { (void)host; }

  // One of the pattern's own components, by the name the pattern gives it ("registry", "lb",
  // "lb-standby", "dns-server" …), crashes or comes back (churn.components). Its process is
  // gone while its host stays up: a component its peers hold connections to (an LB) refuses
  // and resets them, where a host that is down does not answer at all. The names a pattern
  // accepts are listed in the pattern factory's table (sim/run/pattern_factory.cpp).
  virtual void component_down(std::string_view component) { (void)component; }
  virtual void component_up(std::string_view component) { (void)component; }

  virtual Caller& add_caller(const CallerInfo& info) = 0;
  // The process holding `caller` is gone (an instance that called other services crashed or
  // stopped): its discovery stops, its views close, its requests in flight are dropped without
  // an outcome. `caller` is destroyed; the reference is invalid afterwards.
  virtual void remove_caller(Caller& caller) = 0;
};

}  // namespace discolab

// Central load balancer (pattern 3: HAProxy/NGINX kept in sync with the registry by watch or
// by consul-template/confd render + reload; Marathon-LB, vulcand).
//
// One registry; instances registered by InstanceRegistration (self, sidecar or orchestrator).
// One LB process (LbServer) on its host — or an active/standby pair (keepalived/VRRP) — that
// every caller sends every request to: a caller is a RetryingCaller whose target is the
// virtual IP, i.e. the frontend of whichever LB holds it now (CallTarget with kNoInstance).
// Callers hold no view; each LB holds one per service ("lb/primary", "lb/standby").
//
// Failures of the LB itself:
// - its host down (host_down): the process is gone with its state, the host answers nothing:
//   callers' tries time out (cause lb_down);
// - its process crashed (component_down("lb") or "lb-standby"): in-flight client connections
//   are reset, new ones refused (lb_down);
// - back (host_up, component_up): a fresh process starts and syncs from the registry.
// With a standby, the virtual IP moves to it `failover_time` after the active LB went down —
// VRRP's Master_Down_Interval, 3 × advert_int + skew (RFC 5798 §6.1; keepalived's advert_int
// is 1 s and its default priority 100 gives a skew of (256 − 100)/256 s: 3.61 s). The standby
// runs and syncs all the time, so it has its own view when it takes over. When the primary
// comes back it takes the address back at once (keepalived preempts by default).
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "patterns/central_lb/lb_server.h"
#include "patterns/core/pattern.h"
#include "patterns/registration/instance_registration.h"
#include "patterns/registry/registry_server.h"

namespace discolab {

struct CentralLbConfig {
  HostId registry_host = 0;
  registry::RegistryServerConfig server;
  RegistrationSetup registration;
  // The LB process (name, host and registry are set by the pattern).
  LbServerConfig lb;
  HostId lb_host = 0;
  std::optional<HostId> standby_host;
  Duration failover_time = std::chrono::milliseconds(3609);
  // What the pair is called: components "<role>" and "<role>-standby" (churn.components),
  // views "<role>/primary" and "<role>/standby", counters "<role>.down" … An API gateway runs
  // the same pair as "gateway" (patterns/api_gateway).
  std::string role = "lb";
};

class CentralLbPattern final : public DiscoveryPattern {
 public:
  CentralLbPattern(Runtime& rt, CentralLbConfig config);
  ~CentralLbPattern() override;

  std::string_view name() const override { return "central-lb"; }
  void start() override;
  void instance_started(const InstanceInfo& info) override;
  void instance_ready(InstanceId id) override;
  void instance_stopping(InstanceId id) override;
  void instance_crashed(InstanceId id) override;
  void instance_gone(InstanceId id) override;
  void host_down(HostId host) override;
  void host_up(HostId host) override;
  void component_down(std::string_view component) override;
  void component_up(std::string_view component) override;
  Caller& add_caller(const CallerInfo& info) override;
  void remove_caller(Caller& caller) override;

  // Where a caller of `service` sends its tries now: the frontend of the LB holding the
  // virtual IP (a closed endpoint while that LB is down).
  EndpointId virtual_ip(const std::string& service) const;
  // 0: the primary holds the virtual IP; 1: the standby.
  std::size_t active() const { return active_; }
  const LbServer* lb(std::size_t slot) const { return slots_[slot].server.get(); }
  const registry::RegistryServer* registry() const { return registry_.get(); }
  std::uint64_t failovers() const { return failovers_; }

 private:
  struct Slot {
    std::string component;  // "lb", "lb-standby"
    std::string name;       // view component: "lb/primary", "lb/standby"
    HostId host = kNoHost;
    bool exists = false;
    bool host_up = true;
    bool process_up = true;
    std::unique_ptr<LbServer> server;
    std::map<std::string, EndpointId> frontends;  // the last ones, closed while down
    bool up() const { return exists && host_up && process_up; }
  };
  void launch(Slot& slot);
  void went_down(std::size_t slot);
  void came_up(std::size_t slot);
  void reconsider();
  // Every LB serves `service` from now on (once).
  void serve(const std::string& service);
  Slot* slot_of(std::string_view component);

  Runtime& rt_;
  CentralLbConfig config_;
  std::unique_ptr<registry::RegistryServer> registry_;
  std::optional<InstanceRegistration> registration_;
  std::array<Slot, 2> slots_;
  std::size_t active_ = 0;
  TimerId failover_timer_ = kNoTimer;
  std::uint64_t failovers_ = 0;
  std::set<std::string> services_;
  std::vector<std::unique_ptr<Caller>> callers_;
};

}  // namespace discolab

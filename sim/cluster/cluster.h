// The container cluster: hosts, services with replica counts, containers and their lifecycle
// (container.h), a scheduler that places containers, crash restarts, rolling updates and host
// failures.
//
// The cluster decides everything from the scenario and its own random streams, never from
// what the discovery pattern does, so every pattern sees the same churn (common random
// numbers, docs/architecture.md, decision 4). Random streams are keyed by service name and slot, so
// adding a service leaves every other service's churn unchanged.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patterns/core/pattern.h"
#include "patterns/core/runtime.h"
#include "sim/cluster/cluster_events.h"
#include "sim/cluster/container.h"
#include "sim/scenario/scenario.h"

namespace discolab {

struct HostInfo {
  std::string name;
  std::uint32_t zone = 0;  // rack index
};

class RollingUpdate;

class Cluster {
 public:
  // `set_host_up` turns a host off and on in the engine (messages to it are dropped).
  Cluster(Runtime& rt, const Scenario& scenario, std::vector<HostInfo> hosts,
          DiscoveryPattern& pattern, ClusterEvents& events,
          std::function<void(HostId, bool)> set_host_up);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Schedules every service's replicas at time 0 and arms the scenario's churn.
  void start();

  // The initial deployment is ready when every initial replica (slots 0 .. replicas − 1 of
  // each service, scheduled by start()) has been ready at least once, in any incarnation: at
  // start() itself when no service has replicas. `callback` runs once, at that instant (a
  // "deployment_ready" churn event is reported too); set it before start().
  void on_deployment_ready(std::function<void()> callback) {
    deployment_ready_callback_ = std::move(callback);
  }
  // When that happened; absent while it has not.
  std::optional<SimTime> deployment_ready_at() const { return deployment_ready_at_; }

  // Churn operations (also used by tests).
  void crash(InstanceId id, std::string_view cause);
  void stop(InstanceId id);  // graceful
  void fail_host(HostId host);
  void recover_host(HostId host);
  void start_rolling_update(const RollingUpdateSpec& spec);

  const std::vector<HostInfo>& hosts() const { return hosts_; }
  HostId host_by_name(std::string_view name) const;  // kNoHost when unknown
  // Kept for a component (platform.reserved): no container is placed there.
  bool reserved(HostId host) const { return host_reserved_.at(host); }
  const Container& container(InstanceId id) const { return *containers_.at(id); }
  std::size_t container_count() const { return containers_.size(); }
  // Instances of a service in the given state (ascending ids).
  std::vector<InstanceId> instances(int service, ContainerState state) const;
  int service_index(std::string_view name) const;  // -1 when unknown
  const ServiceSpec& service_spec(int service) const { return scenario_.services.at(service); }

  struct Counts {
    std::uint64_t crashes = 0, stops = 0, starts = 0, host_failures = 0;
  };
  const Counts& counts() const { return counts_; }

 private:
  friend class RollingUpdate;
  struct ServiceState {
    std::string version;  // the version new containers get
    int next_slot = 0;
    RollingUpdate* update = nullptr;  // the update in progress, if any
  };

  InstanceId schedule(int service, int slot, int incarnation);
  void begin_starting(InstanceId id);
  void start_calls(Container& c);
  void stop_calls(Container& c);
  void become_ready(InstanceId id);
  void finish_drain(InstanceId id);
  void arm_crash(Container& c);
  void take_down(Container& c, std::string_view cause);
  void request_replacement(const Container& c);
  void maybe_replace(int service, int slot, int incarnation);
  HostId place(int service, HostId preferred);
  void retry_pending();
  void lifecycle_changed(int service);
  std::string container_name(int service, int slot, int incarnation) const;
  void initial_replica_ready(const Container& c);
  void deployment_ready();

  Runtime& rt_;
  const Scenario& scenario_;
  std::vector<HostInfo> hosts_;
  DiscoveryPattern& pattern_;
  ClusterEvents& events_;
  std::function<void(HostId, bool)> set_host_up_;
  std::vector<bool> host_up_;
  std::vector<int> host_load_;                          // alive containers per host
  std::vector<bool> host_reserved_;                     // platform.reserved
  std::vector<std::unique_ptr<Container>> containers_;  // indexed by InstanceId
  std::vector<ServiceState> services_;
  std::vector<bool> crash_enabled_;  // per service
  std::vector<std::unique_ptr<RollingUpdate>> updates_;
  struct PendingPlacement {
    int service, slot, incarnation;
  };
  std::vector<PendingPlacement> unplaced_;  // no host was up; retried when one returns
  std::size_t placement_cursor_ = 0;
  Counts counts_;
  std::vector<std::vector<bool>> initial_ready_;  // per service, per initial slot: ready once
  std::size_t initial_pending_ = 0;               // initial slots never ready yet
  std::optional<SimTime> deployment_ready_at_;
  std::function<void()> deployment_ready_callback_;
};

}  // namespace discolab

// Client-side discovery (pattern 1: Eureka + Ribbon).
//
// One registry server on a host; every instance registers itself when ready and renews its
// lease by heartbeat (SelfRegistrationAgent); a crashed instance goes silent and stays listed
// until the registry expires its lease. Every caller polls the registry for its target
// service (RegistryPoller, full or delta fetches) from its start (Caller::start: one fetch
// then, then periodic fetches with a random phase per caller), feeds the list to its own
// balancer and picks an instance per try; a failed try goes to another instance
// (RetryingCaller). Requests issued before the caller's first fetch is answered (or fails)
// wait for it.
//
// Built from the shared parts (docs/architecture.md, decision 5): InstanceRegistration
// (self-registration by default; sidecar or orchestrator by configuration) and, per caller, an
// UpstreamCaller: a PollSource (the poller) → Upstream (health filtering when configured,
// balancer) → RetryingCaller.
//
// With list_refresh_interval set, the balancer holds its own copy of the fetched list, refreshed
// on its own timer (RefreshedListSource, Ribbon's ServerListRefreshInterval).
//
// Staleness therefore grows with the fetch interval (new and removed instances wait for the
// next fetch) and, after crashes, with the lease duration and eviction interval (a dead
// instance stays listed until its lease expires and a sweep removes it).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "patterns/balancing/factory.h"
#include "patterns/core/pattern.h"
#include "patterns/registration/instance_registration.h"
#include "patterns/registry/registry_poller.h"
#include "patterns/registry/registry_server.h"
#include "patterns/upstream/upstream_caller.h"

namespace discolab {

struct ClientSideConfig {
  HostId registry_host = 0;
  registry::RegistryServerConfig server;      // leases, eviction, read-only cache
  registry::RegistrationConfig registration;  // lease duration, heartbeat interval
  registry::PollerConfig poller;              // fetch interval, delta; name/service per caller
  BalancerConfig balancer;
  // Added with the shared parts; the defaults are the pattern as it was (Eureka + Ribbon).
  RegistrationMode registration_mode = RegistrationMode::self;
  registry::SidecarConfig sidecar;            // registration_mode sidecar
  registry::OrchestratorConfig orchestrator;  // registration_mode orchestrator
  HostId orchestrator_host = 0;
  std::optional<ActiveHealthCheckConfig> active_checks;     // the client checks instances
  std::optional<OutlierDetectionConfig> outlier_detection;  // the client ejects outliers
  double panic_threshold_percent = 50.0;
  // Ribbon over the Eureka client: the balancer copies the fetched list every this long
  // (refreshed_list_source.h); 0: it uses each fetch at once.
  Duration list_refresh_interval{0};
};

class ClientSidePattern final : public DiscoveryPattern {
 public:
  ClientSidePattern(Runtime& rt, ClientSideConfig config);
  ~ClientSidePattern() override;

  std::string_view name() const override { return "client-side"; }
  void start() override;
  void instance_started(const InstanceInfo& info) override;
  void instance_ready(InstanceId id) override;
  void instance_stopping(InstanceId id) override;
  void instance_crashed(InstanceId id) override;
  void instance_gone(InstanceId id) override;
  void host_down(HostId host) override;
  void host_up(HostId host) override;
  // "registry": the registry process stops answering (its consumers' polls time out and its
  // leases are refreshed when it comes back, as after a host failure).
  void component_down(std::string_view component) override;
  void component_up(std::string_view component) override;
  Caller& add_caller(const CallerInfo& info) override;
  void remove_caller(Caller& caller) override;

  const registry::RegistryServer* registry() const { return registry_.get(); }
  const std::vector<std::unique_ptr<UpstreamCaller>>& callers() const { return callers_; }

 private:
  Runtime& rt_;
  ClientSideConfig config_;
  std::unique_ptr<registry::RegistryServer> registry_;
  std::optional<InstanceRegistration> registration_;
  std::vector<std::unique_ptr<UpstreamCaller>> callers_;
};

}  // namespace discolab

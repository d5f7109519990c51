// Instance registration for any pattern: the container lifecycle calls of DiscoveryPattern
// (patterns/core/pattern.h) turned into registry writes, by one of three modes chosen by
// configuration.
//
//              started          ready       stopping (graceful)   crashed
// self         agent created    registers   deregisters at once   silent: stays until the
//              (in the process) + heartbeats                       lease expires
// sidecar      sidecar starts   (its checks register it)          silent, as the sidecar dies
//              checking it                  deregisters at once    with the pod: lease expiry;
//                                                                  per_host: the agent lives on
//                                                                  and deregisters it after its
//                                                                  failed checks
// orchestrator remembered       set()       remove() at once      remove() at once (the
//                                                                  scheduler saw it)
// instance_gone releases what refers to the instance. Calls for unknown instances are ignored.
//
// Parameters: mode, and per mode the building block's own configuration (self:
// registry::RegistrationConfig — Eureka's 90 s lease, 30 s heartbeat; sidecar:
// registry::SidecarConfig — nerve; orchestrator: registry::OrchestratorConfig, and the host
// the orchestrator's writes leave from).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "patterns/core/pattern.h"
#include "patterns/registration/registration_mode.h"
#include "patterns/registry/orchestrator_registrar.h"
#include "patterns/registry/self_registration_agent.h"
#include "patterns/registry/sidecar_registration_agent.h"

namespace discolab {

struct RegistrationSetup {
  RegistrationMode mode = RegistrationMode::self;
  registry::RegistrationConfig self;
  registry::SidecarConfig sidecar;
  registry::OrchestratorConfig orchestrator;
  HostId orchestrator_host = 0;
};

class InstanceRegistration {
 public:
  InstanceRegistration(Runtime& rt, EndpointId registry, RegistrationSetup setup);
  ~InstanceRegistration();
  InstanceRegistration(const InstanceRegistration&) = delete;
  InstanceRegistration& operator=(const InstanceRegistration&) = delete;

  void instance_started(const InstanceInfo& info);
  void instance_ready(InstanceId id);
  void instance_stopping(InstanceId id);
  void instance_crashed(InstanceId id);
  void instance_gone(InstanceId id);

  RegistrationMode mode() const { return setup_.mode; }
  // Instances started and not yet gone.
  std::size_t instances() const;

 private:
  Runtime& rt_;
  EndpointId registry_;
  RegistrationSetup setup_;
  std::map<InstanceId, std::unique_ptr<registry::SelfRegistrationAgent>> self_;
  std::map<InstanceId, std::unique_ptr<registry::SidecarRegistrationAgent>> sidecars_;
  // Per-host agents of crashed instances, checking until they deregistered them.
  std::vector<std::unique_ptr<registry::SidecarRegistrationAgent>> retired_;
  struct Known {
    InstanceInfo info;
    bool listed = false;  // set() in the registry, not removed since
  };
  void unlist(InstanceId id);

  std::map<InstanceId, Known> known_;  // orchestrator mode
  std::optional<registry::OrchestratorRegistrar> orchestrator_;
};

}  // namespace discolab

// Orchestrator registration: the cluster's scheduler writes the truth into the registry as
// it learns it (Marathon's event bus feeding Marathon-LB or Mesos-DNS; Kubernetes' endpoints
// controller writing EndpointSlices). Entries carry no lease: they stay until the
// orchestrator removes them, so nothing depends on the instance's own heartbeats.
//
// set(record) makes the instance present (the scheduler saw it ready), remove(id) absent
// (not ready, stopping, crashed — as soon as the scheduler knows). Writes go over the
// network from the orchestrator's endpoint; each is retried every retry_interval until the
// registry acknowledges the latest desired state of that instance, so a registry that is
// down or cut off catches up when it returns. Failed attempts are counted
// ("registry.orchestrator_write_errors").
//
// With ACLs on, grant `identity` ("orchestrator") the services it writes ("*").
#pragma once

#include <map>
#include <optional>
#include <string>

#include "patterns/registry/registry_rpc.h"

namespace discolab::registry {

struct OrchestratorConfig {
  Duration request_timeout = std::chrono::seconds(5);
  Duration retry_interval = std::chrono::seconds(1);
  std::string identity = "orchestrator";
  std::string endpoint_kind = "orchestrator";
  WireSizes sizes{};
};

class OrchestratorRegistrar {
 public:
  OrchestratorRegistrar(Runtime& runtime, HostId host, EndpointId registry,
                        OrchestratorConfig config = {});
  ~OrchestratorRegistrar();
  OrchestratorRegistrar(const OrchestratorRegistrar&) = delete;
  OrchestratorRegistrar& operator=(const OrchestratorRegistrar&) = delete;

  void set(InstanceRecord record);
  void remove(InstanceId id);

  // Instances whose latest desired state the registry has not acknowledged yet.
  std::size_t unacknowledged() const { return pending_.size(); }

 private:
  struct Desired {
    std::uint64_t version = 0;
    RecordPtr record;  // null: absent
    TimerId retry = kNoTimer;
    bool in_flight = false;
  };
  void write(InstanceId id);
  void done(InstanceId id, std::uint64_t version, const RegistryReply* reply);

  Runtime& rt_;
  OrchestratorConfig config_;
  RegistryRpc rpc_;
  std::uint64_t next_version_ = 1;
  std::map<InstanceId, Desired> pending_;
};

}  // namespace discolab::registry

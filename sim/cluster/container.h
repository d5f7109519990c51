// One container incarnation and its lifecycle:
//
//   scheduled --startup--> starting --readiness--> ready --stop--> terminating --drain--> gone
//        \__________________\____________________\__crash / host failure________________/
//
// A crash skips the goodbye: the endpoint closes at once and the pattern hears
// instance_crashed. A restart is a new incarnation (a new InstanceId) of the same slot.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "patterns/core/ids.h"
#include "sim/cluster/instance_server.h"

namespace discolab {

enum class ContainerState { scheduled, starting, ready, terminating, gone };
std::string_view to_string(ContainerState state);

struct Container {
  InstanceId id = kNoInstance;
  int service = 0;      // index into the scenario's services
  int slot = 0;         // replica slot; a restart keeps it
  int incarnation = 0;  // 0 for the first container of a slot
  std::string name;     // "<service>-<slot>" or "<service>-<slot>.<incarnation>"
  std::string version;
  HostId host = kNoHost;
  ContainerState state = ContainerState::scheduled;
  EndpointId endpoint = kNoEndpoint;
  TimerId lifecycle_timer = kNoTimer;  // startup, readiness or drain
  TimerId crash_timer = kNoTimer;
  std::unique_ptr<InstanceServer> server;

  bool alive() const { return state != ContainerState::gone; }
  // Counts towards the service's replicas: not being stopped, not gone.
  bool counted() const {
    return state != ContainerState::gone && state != ContainerState::terminating;
  }
};

}  // namespace discolab

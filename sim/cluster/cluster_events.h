// What the cluster tells the measurement side: ground-truth changes and churn events.
//
// Kept as an interface so the cluster does not depend on metrics; the run wires it to the
// metrics collector, tests to a recorder. Calls happen at the simulated instant of the event.
#pragma once

#include <string_view>

#include "patterns/core/ids.h"

namespace discolab {

class ClusterEvents {
 public:
  virtual ~ClusterEvents() = default;
  // The instance passes its readiness probe: it is in the truth from now on.
  virtual void instance_ready(InstanceId id, std::string_view service) = 0;
  // The instance stopped being ready (terminating, crashed, or its host failed).
  virtual void instance_unready(InstanceId id) = 0;
  // A churn event for events.csv: kind ("scheduled", "ready", "crash", "stop", "gone",
  // "host_down", "host_up", "rolling_update", "deployment_ready"), subject (instance or host
  // name, "cluster"), detail.
  virtual void churn(std::string_view kind, std::string_view subject, std::string_view service,
                     std::string_view detail) = 0;
  // The instance finished serving one request (hot path: called once per served request).
  virtual void served(InstanceId id) { (void)id; }
};

}  // namespace discolab

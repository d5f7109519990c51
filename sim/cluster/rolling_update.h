// A rolling update of one service to a new version, with Kubernetes Deployment semantics:
// at most `batch_size` containers above the replica count (maxSurge) and at most
// `max_unavailable` replicas below it not ready (maxUnavailable). It re-plans whenever a
// container of the service changes state, and ends when no old-version container is left.
#pragma once

#include "sim/scenario/scenario.h"

namespace discolab {

class Cluster;

class RollingUpdate {
 public:
  RollingUpdate(Cluster& cluster, int service, RollingUpdateSpec spec);
  void step();

 private:
  void plan();

 public:
  bool finished() const { return finished_; }

 private:
  Cluster& cluster_;
  int service_;
  RollingUpdateSpec spec_;
  bool finished_ = false;
  bool in_step_ = false;  // stop() inside step() reports back; re-plan once afterwards
  bool replan_ = false;
};

}  // namespace discolab

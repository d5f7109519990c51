#include "sim/cluster/rolling_update.h"

#include <algorithm>
#include <vector>

#include "sim/cluster/cluster.h"

namespace discolab {

RollingUpdate::RollingUpdate(Cluster& cluster, int service, RollingUpdateSpec spec)
    : cluster_(cluster), service_(service), spec_(std::move(spec)) {}

void RollingUpdate::step() {
  if (in_step_) {
    replan_ = true;
    return;
  }
  in_step_ = true;
  do {
    replan_ = false;
    plan();
  } while (replan_ && !finished_);
  in_step_ = false;
}

void RollingUpdate::plan() {
  if (finished_) return;
  const int replicas = cluster_.service_spec(service_).replicas;
  std::vector<const Container*> old_ones;
  int new_count = 0, available = 0;
  for (const auto& c : cluster_.containers_) {
    if (c->service != service_ || !c->counted()) continue;
    if (c->state == ContainerState::ready) ++available;
    if (c->version == spec_.version) {
      ++new_count;
    } else {
      old_ones.push_back(c.get());
    }
  }
  if (old_ones.empty()) {
    finished_ = true;
    cluster_.services_[service_].update = nullptr;
    cluster_.events_.churn("rolling_update", spec_.service, spec_.service,
                           "finished " + spec_.version);
    return;
  }
  // Surge: start new containers while the total stays within replicas + batch_size.
  auto& state = cluster_.services_[service_];
  while (static_cast<int>(old_ones.size()) + new_count < replicas + spec_.batch_size &&
         new_count < replicas) {
    cluster_.schedule(service_, state.next_slot++, 0);
    ++new_count;
  }
  // Stop old containers while availability stays at or above replicas - max_unavailable.
  // Not-ready ones first: stopping them costs no availability.
  std::stable_sort(old_ones.begin(), old_ones.end(), [](const Container* a, const Container* b) {
    return (a->state == ContainerState::ready) < (b->state == ContainerState::ready);
  });
  const int min_available = replicas - spec_.max_unavailable;
  const int total = static_cast<int>(old_ones.size()) + new_count;
  int stoppable = std::max(0, total - replicas + spec_.max_unavailable);
  std::vector<InstanceId> to_stop;
  for (const Container* c : old_ones) {
    if (stoppable == 0) break;
    if (c->state == ContainerState::ready) {
      if (available - 1 < min_available) continue;
      --available;
    }
    to_stop.push_back(c->id);
    --stoppable;
  }
  for (InstanceId id : to_stop) cluster_.stop(id);
}

}  // namespace discolab

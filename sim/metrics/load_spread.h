// How evenly a service's instances share its requests: load.imbalance_cv.
//
// Instances live for different times under churn, so raw served counts are not comparable.
// Each instance's served *rate* r_i = n_i / w_i is weighted by its ready time w_i (seconds
// ready after the warmup): mean rate μ = Σn / Σw, variance σ² = Σ w_i (r_i − μ)² / Σw, and
// cv = σ / μ. Without churn (equal w_i) this is the plain coefficient of variation of served
// counts. Instances never ready after the warmup are left out. The run's value averages the
// services' cv weighted by their served requests. Counting is O(1) per request.
#pragma once

#include <cstdint>
#include <vector>

#include "patterns/core/ids.h"
#include "patterns/core/time.h"
#include "sim/metrics/ground_truth.h"

namespace discolab::metrics {

struct ServiceLoad {
  std::uint64_t served = 0;     // by instances that were ready after the warmup
  double imbalance_cv = 0.0;    // NaN without requests or ready time
  std::uint64_t instances = 0;  // instances with ready time after the warmup
};

class LoadSpread {
 public:
  void served(InstanceId instance, std::uint64_t requests = 1) {
    if (instance == kNoInstance) return;
    if (instance >= served_.size()) served_.resize(std::size_t{instance} + 1, 0);
    served_[instance] += requests;
  }
  std::uint64_t served_by(InstanceId instance) const {
    return instance < served_.size() ? served_[instance] : 0;
  }

  // Per service, indexed by ServiceIndex; ready time measured up to `end`.
  std::vector<ServiceLoad> by_service(const GroundTruth& truth, SimTime end) const;
  // Σ_s served_s · cv_s / Σ_s served_s over services with a defined cv; NaN if none.
  static double imbalance_cv(const std::vector<ServiceLoad>& services);

 private:
  std::vector<std::uint64_t> served_;  // by InstanceId
};

}  // namespace discolab::metrics

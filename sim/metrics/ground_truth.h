// Ground truth: which instances of which service are ready, at every instant
// (docs/architecture.md, decision 3).
//
// The cluster reports each instance becoming ready (it passed readiness and accepts
// requests) and ceasing to be ready (terminating, crashed, host down, cut off …). Views are
// judged against these ready sets. An instance belongs to one service for its whole life
// (instance ids are never reused), but may become ready again after being unready (a host
// that comes back). Service names are interned once into small indices. Lookups by instance
// are O(1) into vectors indexed by InstanceId, grown as ids appear.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/core/ids.h"
#include "patterns/core/time.h"

namespace discolab::metrics {

using ServiceIndex = std::uint32_t;
inline constexpr ServiceIndex kNoService = std::numeric_limits<ServiceIndex>::max();

class GroundTruth {
 public:
  // Ready time (for load spread) is accounted only from `accounting_from` on (the warmup end).
  explicit GroundTruth(SimTime accounting_from = SimTime{0});

  // The index of `name`, created on first use; indices are dense, in order of first use.
  ServiceIndex service_index(std::string_view name);
  ServiceIndex find_service(std::string_view name) const;  // kNoService when unknown
  const std::string& service_name(ServiceIndex service) const { return names_.at(service); }
  std::size_t service_count() const { return names_.size(); }

  // Each returns whether the truth changed (false: already in that state). Times must not
  // decrease. Throws std::invalid_argument for kNoInstance or an instance changing service.
  bool instance_ready(InstanceId instance, std::string_view service, SimTime t);
  bool instance_ready(InstanceId instance, ServiceIndex service, SimTime t);
  bool instance_unready(InstanceId instance, SimTime t);

  bool is_ready(InstanceId instance) const {
    return instance < instances_.size() && instances_[instance].ready;
  }
  bool is_ready_in(InstanceId instance, ServiceIndex service) const {
    return is_ready(instance) && instances_[instance].service == service;
  }
  // kNoService for an instance never reported ready.
  ServiceIndex service_of(InstanceId instance) const {
    return instance < instances_.size() ? instances_[instance].service : kNoService;
  }

  // Ready instances of a service, ascending; empty for an unknown service.
  std::span<const InstanceId> ready_set(ServiceIndex service) const;
  std::span<const InstanceId> ready_set(std::string_view service) const;
  std::size_t ready_count() const { return ready_total_; }

  // Seconds `instance` has been ready between accounting_from and `now`.
  double ready_seconds(InstanceId instance, SimTime now) const;
  // One past the largest instance id ever reported.
  std::size_t instance_limit() const { return instances_.size(); }

 private:
  struct InstanceState {
    ServiceIndex service = kNoService;
    bool ready = false;
    SimTime ready_since{};
    Duration ready_accounted{};  // ready time after accounting_from, up to the last unready
  };

  InstanceState& state(InstanceId instance);

  SimTime accounting_from_{};
  std::vector<std::string> names_;
  std::map<std::string, ServiceIndex, std::less<>> index_;
  std::vector<std::vector<InstanceId>> ready_;  // per service, ascending
  std::vector<InstanceState> instances_;
  std::size_t ready_total_ = 0;
};

}  // namespace discolab::metrics

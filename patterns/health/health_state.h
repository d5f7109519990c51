// Health flags from several sources, reduced to one coarse state per endpoint.
//
// Like Envoy's host health flags: active checks, outlier detection, discovery and draining
// each set or clear their own flag, and an endpoint is healthy only when no flag is set. Each
// source owns its flag, so one source clearing its flag never hides another's verdict (an
// endpoint that passes active checks again stays out while it is ejected).
// Flags:
// - failed_active_check: the active checker declared it unhealthy (fall reached).
// - outlier_ejected: passive outlier detection ejected it.
// - removed_by_discovery: discovery dropped it but the holder still lists it (requests in
//   flight finish; no new ones). Envoy instead keeps routing to such a host while it passes
//   active checks; here it takes no new requests.
// - draining: the instance said goodbye (graceful stop): no new requests.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>

#include "patterns/core/ids.h"

namespace discolab {

enum class HealthFlag : std::uint8_t {
  failed_active_check = 1U << 0,
  outlier_ejected = 1U << 1,
  removed_by_discovery = 1U << 2,
  draining = 1U << 3,
};

enum class EndpointHealth : std::uint8_t { healthy, unhealthy };
std::string_view to_string(EndpointHealth health);

class HealthState {
 public:
  // Sets or clears one source's flag; returns whether the coarse state changed.
  bool set(InstanceId instance, HealthFlag flag, bool on);
  bool has(InstanceId instance, HealthFlag flag) const;
  std::uint8_t flags(InstanceId instance) const;
  EndpointHealth health(InstanceId instance) const {
    return flags(instance) == 0 ? EndpointHealth::healthy : EndpointHealth::unhealthy;
  }
  bool healthy(InstanceId instance) const { return flags(instance) == 0; }
  // Drops everything known about `instance` (it is gone for good).
  void forget(InstanceId instance) { flags_.erase(instance); }
  // Bumped on every change of any endpoint's coarse state: a cheap "recompute?" test.
  std::uint64_t version() const { return version_; }

 private:
  std::map<InstanceId, std::uint8_t> flags_;  // only endpoints with a flag set
  std::uint64_t version_ = 0;
};

}  // namespace discolab

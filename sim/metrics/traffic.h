// Messages and bytes sent, per sending component and plane, as the engine counts them.
//
// The engine hands these over at the end of a run (and optionally at the warmup's end, to be
// subtracted); the summary turns them into control_plane.* and data_plane.* rates. Component
// names are the ones endpoints were opened with (Runtime::open), e.g. "registry", "client".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace discolab::metrics {

struct ComponentTraffic {
  std::string component;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;

  friend bool operator==(const ComponentTraffic&, const ComponentTraffic&) = default;
};

struct TrafficCounters {
  std::vector<ComponentTraffic> control;  // Plane::control
  std::vector<ComponentTraffic> data;     // Plane::data

  friend bool operator==(const TrafficCounters&, const TrafficCounters&) = default;
};

// `total` minus `baseline`, per component and plane, sorted by component name; components
// with the same name are summed. Counts below the baseline (an engine bug) clamp to zero.
TrafficCounters traffic_since(const TrafficCounters& total, const TrafficCounters& baseline);

}  // namespace discolab::metrics

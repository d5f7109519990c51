// topology.json: the layout of a run's cluster, written beside events.csv so that the run can
// be replayed on a picture of it (the GUI's cluster view). It is static — what the scenario and
// the platform fix before the run starts: the hosts and their racks, where the pattern's own
// components run, and each client group's callers with their hosts and the route their
// requests take. Everything that changes during the run is in events.csv. Format:
// docs/metrics.md ("topology.json").
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/platform/platform.h"
#include "sim/scenario/scenario.h"

namespace discolab {

inline constexpr int kTopologyFormat = 1;

// The layout of `scenario` (its pattern) on `platform`; throws as check_pattern does.
nlohmann::json topology_json(const Scenario& scenario, const Platform& platform);

// Writes topology_json() to `file` (2-space indented, keys sorted, a final newline).
void write_topology(const std::filesystem::path& file, const Scenario& scenario,
                    const Platform& platform);

}  // namespace discolab

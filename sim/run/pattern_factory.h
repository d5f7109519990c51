// Builds the discovery pattern a run asks for, from the scenario's settings for it.
//
// The scenario layer speaks in YAML terms (ClientSideSpec); the pattern in its own config
// structs (ClientSideConfig). This is the one place that maps one to the other.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "patterns/core/pattern.h"
#include "patterns/core/runtime.h"
#include "sim/platform/platform.h"
#include "sim/scenario/scenario.h"

namespace discolab {

// The patterns a run can use today, in the order the docs list them.
std::span<const std::string_view> runnable_patterns();

// Throws std::invalid_argument naming the runnable patterns when `name` is not one of them
// (a name the scenario schema knows but that is not built yet says so).
// Checks what make_pattern would refuse, without building anything.
void check_pattern(std::string_view name, const Scenario& scenario, const Platform& platform);

std::unique_ptr<DiscoveryPattern> make_pattern(std::string_view name, Runtime& rt,
                                               const Scenario& scenario, const Platform& platform);

}  // namespace discolab

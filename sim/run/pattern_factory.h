// Builds the discovery pattern a run asks for, from the scenario's settings for it.
//
// The scenario layer speaks in YAML terms (ClientSideSpec, built of the shared axes); the
// pattern in its own config structs (ClientSideConfig). This is the one place that maps one to
// the other: a table with a row per runnable pattern {name, scenario section, check, make}.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "patterns/core/pattern.h"
#include "patterns/core/pattern_context.h"
#include "patterns/core/runtime.h"
#include "patterns/routing/route_table.h"
#include "sim/platform/platform.h"
#include "sim/run/pattern_layout.h"
#include "sim/scenario/scenario.h"

namespace discolab {

// The patterns a run can use today, in the order the docs list them.
std::span<const std::string_view> runnable_patterns();

// The scenario section holding a runnable pattern's settings ("patterns.client_side");
// throws as check_pattern does for a name that is not runnable.
std::string_view pattern_section(std::string_view name);

// Throws std::invalid_argument naming the runnable patterns when `name` is not one of them
// (a name the scenario schema knows but that is not built yet says so).
// Checks what make_pattern would refuse, without building anything: a registry host not in the
// platform, a shared-axis value the pattern does not implement (registration.mode: sidecar for
// client-side …), each error naming its key.
void check_pattern(std::string_view name, const Scenario& scenario, const Platform& platform);

// The hosts, their racks and the reserved hosts' roles, as patterns see them.
PatternContext pattern_context(const Scenario& scenario, const Platform& platform);

// The run's route table: routes[k] is RouteId k + 1 (what clients[].route resolves to).
RouteTable route_table(const Scenario& scenario);

// Where the pattern `name` runs its components and how callers reach instances
// (topology.json); throws as check_pattern does.
PatternLayout pattern_layout(std::string_view name, const Scenario& scenario,
                             const Platform& platform);

std::unique_ptr<DiscoveryPattern> make_pattern(std::string_view name, Runtime& rt,
                                               const Scenario& scenario, const Platform& platform);

}  // namespace discolab

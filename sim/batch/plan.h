// The plan of a batch: every run a sweep asks for, in one deterministic order, each named by
// its run key (docs/batch.md, "The plan").
//
// Order: points outer (the cartesian product of the axes, first axis slowest), then seeds,
// then patterns innermost — so the first runs done cover every pattern of the first point:
//   plan_index = (point × seeds + seed index) × patterns + pattern index.
// Making the plan resolves every point's scenario once, through the same --set code as
// `discolab run --set` (sim/scenario/overrides.h), loads its platform and checks every pattern
// can be built, so a bad key or value fails before any run starts, at the sweep's
// file:line:column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/batch/sweep.h"

namespace discolab {
struct Scenario;
}

namespace discolab::batch {

// --shard K/N: runs whose plan_index ≡ K − 1 (mod N).
struct Shard {
  std::size_t k = 1, n = 1;
  bool whole() const { return n == 1; }
  std::string text() const;  // "" for the whole plan, else "K/N"
  bool holds(std::size_t plan_index) const { return plan_index % n == k - 1; }
};
// "2/3" → {2, 3}; throws std::invalid_argument unless 1 ≤ K ≤ N.
Shard parse_shard(const std::string& text);

struct PlanParam {
  std::string name, value;
  std::optional<double> num;
};

struct PlanPoint {
  std::vector<PlanParam> params;
  std::vector<std::string> sets;  // "name=value", as given to the child's --set
  std::string scenario_hash;      // SHA-256 of the point's resolved text
  std::string resolved_text;
  double run_wall_s = 0.0;               // estimated wall time of one run
  std::optional<std::string> needs_yes;  // why a run of it would ask for --yes
};

struct PlannedRun {
  std::size_t plan_index = 0, point = 0;
  std::string pattern;
  std::uint64_t seed = 0;
  std::string run_key;
};

struct Plan {
  Sweep sweep;
  std::string scenario_path;  // the base scenario, absolute
  std::string scenario_text;  // its bytes
  std::string engine;
  std::vector<std::string> patterns;
  std::vector<std::uint64_t> seeds;
  std::vector<PlanPoint> points;
  std::vector<PlannedRun> runs;  // the whole plan, by plan_index
};

// Throws ScenarioError (the sweep's or the scenario's place) for bad input.
Plan make_plan(Sweep sweep);

// The resolved scenario text a point is hashed by: the YAML `run` writes as
// scenario.resolved.yaml, without its leading comment lines, with seed 0 (the seed is hashed
// on its own), the batch's engine and the scenario's own pattern.
std::string resolved_point_text(const Scenario& scenario, const std::string& engine);

// hex SHA-256 of resolved_text + '\n' + pattern + '\n' + seed + '\n' + engine.
std::string run_key(const std::string& resolved_text, const std::string& pattern,
                    std::uint64_t seed, const std::string& engine);

// "3 points × 2 patterns × 10 seeds = 60 runs".
std::string describe_plan(const Plan& plan);

}  // namespace discolab::batch

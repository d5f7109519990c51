// Sweep files: which runs a batch is made of (docs/batch.md).
//
//   name: dns-ttl                      # the batch: results/<name>/ by default
//   scenario: ../quickstart.yaml       # the base scenario, relative to the sweep file
//   engine: fast                       # optional: the scenario's
//   patterns: [client-side, dns]       # or `all` (every runnable pattern; the default)
//   seeds: 10                          # or {first: 1, count: 10}, or a list [1, 5, 9]
//   parameters:                        # scenario key paths, as `run --set` takes them
//     patterns.dns.dns.server.ttl: [1s, 5s, 30s]                 # a list
//     churn.crashes.rate_per_instance: {from: 2/h, to: 8/h, step: 2/h}  # a linear range
//     patterns.central_lb.health.active.interval: {from: 1s, to: 60s, count: 4, scale: log}
//   zip: [[a.b, c.d]]                  # optional: parameters varied together
//
// Parsing checks the file's own shape; every problem is reported at once as a ScenarioError
// (file:line:column, the key, what is allowed), as scenario files are. Whether each parameter
// is a key the scenario accepts, with that value, is checked when the plan is made (plan.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace discolab::batch {

// One value of a parameter: its text (given to --set and stored in params.value) and its
// number in the scenario's base unit (seconds, per second, bits per second; plain numbers as
// they are), when it has one.
struct SweepValue {
  std::string text;
  std::optional<double> num;
  std::string where;  // "sweep.yaml:7:13": where it was written (a range: the range)
};

struct SweepParameter {
  std::string name;   // the key path as written: "patterns.dns.dns.server.ttl"
  std::string where;  // of the key
  std::vector<SweepValue> values;
};

struct SeedSpec {
  std::optional<std::uint64_t> first;  // nullopt: the scenario's seed
  std::uint64_t count = 1;
  std::vector<std::uint64_t> list;  // when given as a list (then first/count are unused)
  std::string where;
};

struct Sweep {
  std::string path;                // as given
  std::string text;                // the file's bytes
  std::string name;                // default: the file's stem
  std::filesystem::path scenario;  // the base scenario, made relative to the working directory
  std::string scenario_where;
  std::string engine;                 // empty: the scenario's
  std::vector<std::string> patterns;  // empty: every runnable pattern
  std::string patterns_where;
  SeedSpec seeds;
  std::vector<SweepParameter> parameters;  // in file order
  // The axes of the cartesian product, first axis slowest: each lists the parameters varied
  // together (one parameter, or a zip group, placed where its first member is written).
  std::vector<std::vector<std::size_t>> axes;
};

// The most points (combinations of parameter values, before patterns and seeds) a sweep may
// expand to.
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

// Throws ScenarioError naming the sweep file.
Sweep load_sweep(const std::string& path);
Sweep parse_sweep(const std::string& text, const std::string& source);

// The points of the sweep, in plan order: for each point, the index of the value of every
// parameter. Nested loops over the axes, the first axis outermost; one point when there are no
// parameters.
std::vector<std::vector<std::size_t>> expand_points(const Sweep& sweep);

}  // namespace discolab::batch

// summary.json: one run's results, the contract other tools read (docs/metrics.md lists
// every key with its unit).
//
// Keys are sorted (nlohmann::json's std::map objects) and doubles printed in their shortest
// round-trip form, so the same inputs give byte-identical files; undefined values (NaN) are
// null. Wall-clock values appear only under "perf", which the caller measures and passes in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/metrics/metrics_collector.h"

namespace discolab::metrics {

// What identifies the run: recorded as given.
struct RunInfo {
  std::string pattern;
  std::uint64_t seed = 0;
  std::string engine;
  std::string version;
  nlohmann::json scenario;  // the resolved scenario (or at least its name)
};

// Measured by the caller, outside the simulation (non-deterministic by nature).
struct PerfStats {
  double wall_s = 0.0;
  std::uint64_t events = 0;  // events the engine processed
  double peak_rss_mb = 0.0;  // e.g. peak_rss_mb() below
};

// The process's peak resident set size so far, in MiB (getrusage ru_maxrss).
double peak_rss_mb();

// The summary of a finished collector (std::logic_error if finish() was not called).
nlohmann::json make_summary(const MetricsCollector& metrics, const RunInfo& run,
                            const PerfStats& perf);
// Pretty-printed (2 spaces) with a trailing newline.
std::string summary_text(const nlohmann::json& summary);
// Throws std::runtime_error when the file cannot be written.
void write_summary(const std::filesystem::path& path, const nlohmann::json& summary);

}  // namespace discolab::metrics

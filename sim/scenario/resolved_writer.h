// The resolved scenario, written back as YAML: every key present with its value in effect
// (defaults filled in, units normalised, the platform file absolute), in schema order. Every
// run folder keeps one as scenario.resolved.yaml, so a run can be repeated from its folder.
//
// Loading the text again gives an identical Scenario, and writing that again gives the same
// bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace discolab {

// What a run used beyond the file: the command line may override seed, engine and pattern.
struct RunStamp {
  std::uint64_t seed = 1;
  std::string engine = "fast";
  std::string pattern = "client-side";
  std::string version;  // discolab's version string (sim/version.h kVersion)
  // The --set overrides the scenario was loaded with, as given; recorded in a comment (their
  // values are already in the keys, so reloading needs nothing more).
  std::vector<std::string> overrides;

  // The scenario's own seed, engine and pattern.
  static RunStamp of(const Scenario& scenario, std::string version);
};

// The stamp's seed, engine and pattern replace the scenario's; the version and the overrides go
// in comments at the top. source_path is not written (the loader sets it from where the file is
// read).
std::string to_resolved_yaml(const Scenario& scenario, const RunStamp& stamp);

}  // namespace discolab

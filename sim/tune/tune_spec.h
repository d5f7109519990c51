// What `discolab tune` is asked (docs/tune.md): a scenario, the patterns, one objective figure,
// SLOs on figures, and the scenario keys to vary with their ranges.
//
//   --objective control_plane.messages_per_s [--maximize]
//   --slo 'staleness.propagation_p99_s <= 10s'    figures by their figures-table keys, values
//   --slo 'requests.failure_rate <= 0.001'        in the figure's unit (durations for s/ms)
//   --vary patterns.client_side.propagation.fetch_interval=1s..60s:log   a range (linear by
//                                                   default; :int for whole numbers in LO's unit)
//   --vary patterns.client_side.balancing.policy=round-robin,random   discrete: enumerated
//
// Parsing checks the text's shape and the figures (declared, numeric, value in their unit);
// whether a varied key and its values are ones the scenario takes is checked when the first
// candidates are resolved, through the same --set code as `run` (sim/scenario/overrides.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace discolab::tune {

struct Objective {
  std::string figure;  // a summary.json key of the figures table
  bool maximize = false;
  std::string unit;  // the figure's unit, from the table
};

enum class Bound { at_most, at_least };  // <=, >=

struct Slo {
  std::string figure;
  Bound bound = Bound::at_most;
  double value = 0.0;  // in the figure's unit
  std::string unit;
  std::string text;  // as given, e.g. "staleness.propagation_p99_s <= 10s"
  // How far `mean` lies on the wrong side of the bound (≤ 0: met), relative to the bound's
  // size (|value|, or 1 for a bound of 0). NaN (undefined) counts as violated by 1.
  double violation(double mean) const;
};

struct Vary {
  // A scenario key path, as --set takes it. "patterns.*." stands for the section of the
  // pattern being run (patterns.client_side., patterns.dns. …), so one --vary tunes the same
  // knob of every pattern: patterns.*.propagation.fetch_interval=1s..30s:log.
  std::string key;
  std::string key_for(const std::string& pattern) const;
  std::string text;
  // Discrete: the values, enumerated.
  std::vector<std::string> choices;
  // Continuous: LO..HI in LO's unit (suffix), as base-unit numbers.
  double lo = 0.0, hi = 0.0;
  bool log = false;
  // Candidates are whole numbers in LO's unit: LO and HI written as whole numbers (2..9), or
  // :int (1s..60s:int, for keys that take whole seconds such as a DNS TTL).
  bool integer = false;
  std::string suffix;     // LO's: "s", "ms", "/h", "" …
  double unit = 1.0;      // the base value of 1<suffix>
  std::string hi_suffix;  // HI's: values of 1 HI-unit or more are written in it
  double hi_unit = 1.0;   // (200ms..30s: 150ms, 2.3s)
  bool discrete() const { return !choices.empty(); }
  // The --set value at u ∈ [0, 1] along the (log or linear) range, rounded to 4 significant
  // digits in LO's unit (whole numbers for integer ranges): "3.436s"; written in HI's unit
  // when it is at least 1 of it.
  std::string value_at(double u) const;
  // The base-unit number of a value_at() text.
  double number_at(double u) const;
};

struct TuneSpec {
  std::string scenario;               // path, as given
  std::vector<std::string> patterns;  // at least one
  Objective objective;
  std::vector<Slo> slos;
  std::vector<Vary> varies;  // at least one
  std::size_t budget = 200;  // runs, stored ones included
  std::size_t seeds = 3;     // seeds of a first look at a candidate
  std::size_t max_seeds = 24;
};

// "FIGURE <= VALUE" / "FIGURE >= VALUE". Throws std::invalid_argument.
Slo parse_slo(const std::string& text);
// A figures-table key with a numeric unit. Throws std::invalid_argument.
Objective parse_objective(const std::string& figure, bool maximize);
// "KEY=LO..HI[:log]" or "KEY=a,b,c". Throws std::invalid_argument.
Vary parse_vary(const std::string& text);
// A value written for a figure of `unit`: durations for "s" and "ms" ("10s", "50ms"), a rate
// or plain number for "1/s", a plain number (or a percentage, "0.1%") otherwise.
double parse_figure_value(const std::string& text, const std::string& unit);

// The spec as canonical YAML: what the store keeps as its sweep text, so rerunning the same
// tune (whatever the budget or -j) finds its store and resumes.
std::string spec_text(const TuneSpec& spec);

}  // namespace discolab::tune

// The scenario values a student plays with, read from a loaded scenario through the scenario
// schema (sim/scenario/schema_tree.h): the cluster's size, the request rate, the crash rate and
// each pattern's TTL, fetch or sync interval, lease, health checks and balancer.
//
// A parameter is named by its --set path ("services.web.replicas",
// "patterns.client_side.propagation.fetch_interval"), carries the schema's type, lower bound,
// choices and help, and is shown in a display unit (seconds, requests per second, crashes per
// hour). Upper bounds are not in the schema (any whole number goes); the table below gives a
// slider range, widened to four times the value in effect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace discolab::gui {

enum class ParameterKind { whole, number, duration, rate, choice };

struct Parameter {
  std::string path;   // as --set writes it
  std::string label;  // "web replicas"
  std::string group;  // "Cluster", "Workload", "Churn", or a pattern's name
  ParameterKind kind = ParameterKind::whole;
  std::string unit;    // display unit: "", "s", "/s", "/h"
  double scale = 1.0;  // display value = schema value (seconds, per second) × scale
  double minimum = 0.0, maximum = 0.0;  // display units; the minimum is the schema's bound
  std::vector<std::string> choices;
  std::string help;
  std::string text;    // the value in effect, as a file writes it ("15s", "4/h")
  double value = 0.0;  // the same in display units (not for choices)
};

// The parameters of `scenario`, in panel order: Cluster, Workload, Churn, then one group per
// runnable pattern.
std::vector<Parameter> scenario_parameters(const Scenario& scenario);

// The text a file would hold for a display value (whole numbers rounded, durations and rates
// in their shortest exact unit), or nullopt when the value is below the parameter's minimum.
std::optional<std::string> parameter_text(const Parameter& parameter, double display_value);

}  // namespace discolab::gui

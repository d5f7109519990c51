// Collects the problems of one scenario load so all of them can be reported together, and
// remembers where each key path was written so checks made after reading (unknown service
// names, host names) can still point at a line and column.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario_error.h"

namespace discolab {

class IssueLog {
 public:
  explicit IssueLog(std::string source) : source_(std::move(source)) {}

  const std::string& source() const { return source_; }

  // The value at `key_path` (and everything below it) was written by `--set <as_given>`.
  void mark_overridden(std::string key_path, const std::string& as_given);
  // Remembers where the node of `key_path` stands in the file.
  void remember(const std::string& key_path, const YAML::Node& node);

  // A problem with `node`, the value (or key) at `key_path`.
  void at(const YAML::Node& node, const std::string& key_path, std::string message);
  // A problem found after reading: placed where the path (or its nearest parent) was written.
  void at_path(const std::string& key_path, std::string message);
  void add(ScenarioIssue issue) { issues_.push_back(std::move(issue)); }

  bool empty() const { return issues_.empty(); }
  // Throws ScenarioError with everything collected, if anything was.
  void throw_if_any() const;

  std::string where_of(const YAML::Node& node) const;

 private:
  std::optional<std::string> override_of(const std::string& key_path) const;

  std::string source_;
  std::map<std::string, std::string> places_;
  std::vector<std::pair<std::string, std::string>> overrides_;  // key path, "--set …"
  std::vector<ScenarioIssue> issues_;
};

}  // namespace discolab

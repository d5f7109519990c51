// What a rejected scenario reports: every problem found, each naming where it was written
// (file:line:column, or the --set override that wrote it), the key path and what is allowed.
//
//   scenarios/x.yaml:12:5: services[1].replicas: expected a whole number ≥ 0, got "three"
//   --set services.web.replicas: services[0].replicas: expected a whole number ≥ 0, got "x"
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace discolab {

struct ScenarioIssue {
  std::string where;     // "file.yaml:12:5", "file.yaml" or "--set services.web.replicas"
  std::string key_path;  // "services[1].replicas"; empty for the file as a whole
  std::string message;   // "expected a whole number ≥ 0, got \"three\""

  std::string text() const;  // "where: key_path: message"
  bool operator==(const ScenarioIssue&) const = default;
};

// Thrown by the loader; what() is one issue per line, in the order they were found.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<ScenarioIssue> issues);
  const std::vector<ScenarioIssue>& issues() const { return issues_; }

 private:
  std::vector<ScenarioIssue> issues_;
};

}  // namespace discolab

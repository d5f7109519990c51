#include "sim/scenario/issue_log.h"

namespace discolab {
namespace {

std::string join_lines(const std::vector<ScenarioIssue>& issues) {
  std::string text;
  for (const ScenarioIssue& issue : issues) {
    if (!text.empty()) text += '\n';
    text += issue.text();
  }
  return text;
}

bool is_at_or_below(const std::string& path, const std::string& ancestor) {
  if (path.compare(0, ancestor.size(), ancestor) != 0) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '.' ||
         path[ancestor.size()] == '[';
}

// "services[1].replicas" → "services[1]" → "services" → "".
std::string parent_path(const std::string& path) {
  const auto cut = path.find_last_of(".[");
  return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

}  // namespace

std::string ScenarioIssue::text() const {
  std::string line = where + ": ";
  if (!key_path.empty()) line += key_path + ": ";
  return line + message;
}

ScenarioError::ScenarioError(std::vector<ScenarioIssue> issues)
    : std::runtime_error(join_lines(issues)), issues_(std::move(issues)) {}

void IssueLog::mark_overridden(std::string key_path, const std::string& as_given) {
  overrides_.emplace_back(std::move(key_path), "--set " + as_given);
}

void IssueLog::remember(const std::string& key_path, const YAML::Node& node) {
  places_.insert_or_assign(key_path, where_of(node));
}

std::string IssueLog::where_of(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return source_;
  return source_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::optional<std::string> IssueLog::override_of(const std::string& key_path) const {
  // The last override wins, as it does when the overrides are applied.
  for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it)
    if (is_at_or_below(key_path, it->first)) return it->second;
  return std::nullopt;
}

void IssueLog::at(const YAML::Node& node, const std::string& key_path, std::string message) {
  auto where = override_of(key_path);
  issues_.push_back({where ? *where : where_of(node), key_path, std::move(message)});
}

void IssueLog::at_path(const std::string& key_path, std::string message) {
  std::string where = source_;
  if (auto overridden = override_of(key_path)) {
    where = *overridden;
  } else {
    for (std::string path = key_path;; path = parent_path(path)) {
      if (auto it = places_.find(path); it != places_.end()) {
        where = it->second;
        break;
      }
      if (path.empty()) break;
    }
  }
  issues_.push_back({std::move(where), key_path, std::move(message)});
}

void IssueLog::throw_if_any() const {
  if (!issues_.empty()) throw ScenarioError(issues_);
}

}  // namespace discolab

#include "sim/batch/sweep.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/batch/sweep_values.h"
#include "sim/scenario/enum_names.h"
#include "sim/scenario/issue_log.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/suggest.h"
#include "sim/scenario/units.h"

namespace discolab::batch {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kSweepKeys{"name",     "description", "scenario",   "engine",
                                          "patterns", "seeds",       "parameters", "zip"};
// Varied by the sweep's own keys, not as parameters.
const std::map<std::string, std::string> kReservedParameters{
    {"seed", "seeds"}, {"pattern", "patterns"}, {"engine", "engine"}};

bool contains(const auto& list, const auto& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> names(const auto& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

class SweepReader {
 public:
  SweepReader(Sweep& sweep, IssueLog& log) : sweep_(sweep), log_(log) {}

  void read(const YAML::Node& root) {
    if (!root.IsMap()) {
      log_.at(root, "", "expected a mapping of " + join(kSweepKeys));
      return;
    }
    std::set<std::string> seen;
    for (const auto& entry : root) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (!seen.insert(key).second) {
        log_.at(entry.first, "", "duplicate key \"" + key + "\"");
      } else if (std::find(kSweepKeys.begin(), kSweepKeys.end(), key) == kSweepKeys.end()) {
        std::string message = "unknown key \"" + key + "\"";
        if (auto near = closest_match(key, kSweepKeys)) {
          message += "; did you mean \"" + *near + "\"?";
        } else {
          message += "; valid keys: " + join(kSweepKeys);
        }
        log_.at(entry.first, "", message);
      }
    }
    if (auto name = scalar(root, "name")) sweep_.name = *name;
    read_scenario(root);
    if (auto engine = scalar(root, "engine")) {
      if (!contains(kEngineNames, *engine)) {
        log_.at(root["engine"], "engine", not_one_of(*engine, "one of", names(kEngineNames)));
      } else {
        sweep_.engine = *engine;
      }
    }
    read_patterns(root["patterns"]);
    read_seeds(root["seeds"]);
    read_parameters(root["parameters"]);
    read_zip(root["zip"]);
  }

 private:
  std::optional<std::string> scalar(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) return std::nullopt;
    if (!node.IsScalar()) {
      log_.at(node, key, "expected a single value");
      return std::nullopt;
    }
    return node.Scalar();
  }

  void read_scenario(const YAML::Node& root) {
    const YAML::Node node = root["scenario"];
    if (!node.IsDefined()) return log_.at(root, "", "missing required key \"scenario\"");
    sweep_.scenario_where = log_.where_of(node);
    const auto text = scalar(root, "scenario");
    if (!text) return;
    fs::path scenario(*text);
    if (scenario.is_relative()) scenario = fs::path(sweep_.path).parent_path() / scenario;
    sweep_.scenario = scenario.lexically_normal();
    std::error_code error;
    if (!fs::is_regular_file(sweep_.scenario, error))
      log_.at(node, "scenario", "no scenario file " + sweep_.scenario.string());
  }

  void read_patterns(const YAML::Node& node) {
    if (!node.IsDefined()) return;
    sweep_.patterns_where = log_.where_of(node);
    if (node.IsScalar() && node.Scalar() == "all") return;
    if (!node.IsSequence() || node.size() == 0)
      return log_.at(node, "patterns", "expected `all` or a list of patterns");
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      const std::string name = item.IsScalar() ? item.Scalar() : "";
      if (!contains(kPatternNames, name)) {
        log_.at(item, "patterns", not_one_of(name, "one of", names(kPatternNames)));
      } else if (contains(sweep_.patterns, name)) {
        log_.at(item, "patterns", "\"" + name + "\" is listed twice");
      } else {
        sweep_.patterns.push_back(name);
      }
    }
  }

  std::optional<std::uint64_t> seed(const YAML::Node& node, const std::string& path) {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    const auto n = try_parse_number(text);
    if (!n || *n < 0 || *n != std::floor(*n) || *n >= 1.8e19 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      log_.at(node, path, "expected a whole number ≥ 0, got \"" + text + "\"");
      return std::nullopt;
    }
    return std::stoull(text);
  }

  void read_seeds(const YAML::Node& node) {
    if (!node.IsDefined()) return;
    SeedSpec& s = sweep_.seeds;
    s.where = log_.where_of(node);
    if (node.IsSequence()) {
      if (node.size() == 0) return log_.at(node, "seeds", "expected at least one seed");
      for (std::size_t i = 0; i < node.size(); ++i)
        if (auto v = seed(node[i], "seeds")) {
          if (contains(s.list, *v))
            return log_.at(node[i], "seeds", "seed " + std::to_string(*v) + " is listed twice");
          s.list.push_back(*v);
        }
      return;
    }
    // `count` is bound once: assigning to a bound YAML::Node rebinds the node it refers to
    // (and throws on an undefined one), which a missing count used to turn into yaml-cpp's
    // "invalid node" with no file or key (found by fuzz/sweep_fuzzer.cpp).
    const YAML::Node count = node.IsMap() ? node["count"] : node;
    if (node.IsMap()) {
      for (const auto& entry : node) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
        if (key != "first" && key != "count")
          log_.at(entry.first, "seeds", "unknown key \"" + key + "\" (seeds take first, count)");
      }
      if (node["first"].IsDefined()) s.first = seed(node["first"], "seeds.first");
      if (!count.IsDefined()) return log_.at(node, "seeds", "missing \"count\"");
    }
    if (auto n = seed(count, "seeds")) {
      if (*n < 1 || *n > 100000) return log_.at(count, "seeds", "expected 1 to 100000 seeds");
      s.count = *n;
      if (s.first && *s.first > UINT64_MAX - (s.count - 1))
        log_.at(node, "seeds", "the seeds run past the largest seed, 18446744073709551615");
    }
  }

  void read_parameters(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsMap())
      return log_.at(node, "parameters", "expected a mapping of scenario key paths to values");
    for (const auto& entry : node) {
      SweepParameter p;
      p.name = entry.first.IsScalar() ? entry.first.Scalar() : "";
      p.where = log_.where_of(entry.first);
      const std::string path = "parameters." + p.name;
      if (auto it = kReservedParameters.find(p.name); it != kReservedParameters.end()) {
        log_.at(entry.first, path,
                "vary \"" + p.name + "\" with the sweep's \"" + it->second +
                    "\" key, not as a parameter");
        continue;
      }
      if (std::ranges::any_of(sweep_.parameters, [&](const auto& q) { return q.name == p.name; })) {
        log_.at(entry.first, path, "duplicate parameter \"" + p.name + "\"");
        continue;
      }
      p.values = parameter_values(entry.second, path, log_);
      if (!p.values.empty()) sweep_.parameters.push_back(std::move(p));
    }
  }

  void read_zip(const YAML::Node& node) {
    std::vector<std::vector<std::size_t>> groups;
    std::vector<int> group_of(sweep_.parameters.size(), -1);
    if (node.IsDefined() && !node.IsNull()) {
      if (!node.IsSequence())
        return log_.at(node, "zip", "expected a list of groups, e.g. [[a.b, c.d]]");
      for (std::size_t g = 0; g < node.size(); ++g) {
        const YAML::Node group = node[g];
        if (!group.IsSequence() || group.size() < 2) {
          log_.at(group, "zip", "expected a list of at least two parameters");
          continue;
        }
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < group.size(); ++i) {
          const std::string name = group[i].IsScalar() ? group[i].Scalar() : "";
          const auto it = std::ranges::find_if(sweep_.parameters,
                                               [&](const auto& p) { return p.name == name; });
          if (it == sweep_.parameters.end()) {
            std::vector<std::string> known;
            for (const auto& p : sweep_.parameters) known.push_back(p.name);
            log_.at(group[i], "zip", not_one_of(name, "one of the parameters", known));
            continue;
          }
          const auto index = static_cast<std::size_t>(it - sweep_.parameters.begin());
          if (group_of[index] >= 0) {
            log_.at(group[i], "zip", "\"" + name + "\" is already in a zip group");
            continue;
          }
          const auto& first = sweep_.parameters[members.empty() ? index : members.front()];
          if (it->values.size() != first.values.size()) {
            log_.at(group[i], "zip",
                    "\"" + name + "\" has " + std::to_string(it->values.size()) + " values but \"" +
                        first.name + "\" has " + std::to_string(first.values.size()) +
                        "; zipped parameters need as many");
            continue;
          }
          group_of[index] = static_cast<int>(groups.size());
          members.push_back(index);
        }
        groups.push_back(std::move(members));
      }
    }
    // One axis per ungrouped parameter, one per group at its first member's place.
    std::vector<bool> placed(groups.size(), false);
    for (std::size_t i = 0; i < sweep_.parameters.size(); ++i) {
      if (group_of[i] < 0) {
        sweep_.axes.push_back({i});
      } else if (const auto g = static_cast<std::size_t>(group_of[i]); !placed[g]) {
        placed[g] = true;
        auto members = groups[g];
        std::ranges::sort(members);
        sweep_.axes.push_back(members);
      }
    }
  }

  Sweep& sweep_;
  IssueLog& log_;
};

}  // namespace

Sweep parse_sweep(const std::string& text, const std::string& source) {
  Sweep sweep;
  sweep.path = source;
  sweep.text = text;
  sweep.name = fs::path(source).stem().string();
  IssueLog log(source);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(
        {{source + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1),
          "", "YAML syntax error: " + e.msg}});
  }
  SweepReader(sweep, log).read(root);
  log.throw_if_any();
  // The plan is expanded in memory, one entry per point: a product of a few 10 000-value ranges
  // would exhaust it long before any run starts (found by fuzz/sweep_fuzzer.cpp).
  double points = 1;
  for (const auto& axis : sweep.axes)
    points *= static_cast<double>(sweep.parameters[axis.front()].values.size());
  if (points > static_cast<double>(kMaxSweepPoints)) {
    const std::string n = points < 1e18 ? std::to_string(static_cast<std::uint64_t>(points))
                                        : std::string("over 10^18");
    throw ScenarioError({{source, "parameters",
                          "the parameters expand to " + n + " points, more than " +
                              std::to_string(kMaxSweepPoints) +
                              " (split the sweep, or vary parameters together with zip)"}});
  }
  return sweep;
}

Sweep load_sweep(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) throw ScenarioError({{path, "", "no such sweep file"}});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw ScenarioError({{path, "", "cannot read the sweep file"}});
  return parse_sweep(text.str(), path);
}

std::vector<std::vector<std::size_t>> expand_points(const Sweep& sweep) {
  std::vector<std::vector<std::size_t>> points;
  std::vector<std::size_t> at(sweep.axes.size(), 0);  // value index per axis
  while (true) {
    std::vector<std::size_t> point(sweep.parameters.size(), 0);
    for (std::size_t a = 0; a < sweep.axes.size(); ++a)
      for (std::size_t p : sweep.axes[a]) point[p] = at[a];
    points.push_back(std::move(point));
    // Odometer: the last axis turns fastest.
    std::size_t a = sweep.axes.size();
    while (a > 0) {
      --a;
      if (++at[a] < sweep.parameters[sweep.axes[a].front()].values.size()) break;
      at[a] = 0;
      if (a == 0) return points;
    }
    if (sweep.axes.empty()) return points;
  }
}

}  // namespace discolab::batch

#include "sim/batch/plan.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/batch/sha256.h"
#include "sim/platform/platform.h"
#include "sim/run/pattern_factory.h"
#include "sim/run/run_estimate.h"
#include "sim/scenario/resolved_writer.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_loader.h"

namespace discolab::batch {

namespace {

namespace fs = std::filesystem;

constexpr double kRunOverheadS = 0.34;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string point_label(const PlanPoint& point) {
  std::string label;
  for (const PlanParam& p : point.params)
    label += (label.empty() ? "" : ", ") + p.name + "=" + p.value;
  return label.empty() ? "the base scenario" : label;
}

// The loader's issues about a --set value, moved to where the sweep wrote that value.
ScenarioError at_sweep(const ScenarioError& error, const Sweep& sweep,
                       const std::vector<std::size_t>& value_of) {
  std::vector<ScenarioIssue> issues;
  for (ScenarioIssue issue : error.issues()) {
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
      const SweepParameter& param = sweep.parameters[p];
      if (issue.where != "--set " + param.name) continue;
      const SweepValue& value = param.values[value_of[p]];
      issue.where = value.where;
      issue.message = (issue.key_path.empty() ? "" : "scenario key " + issue.key_path + ": ") +
                      issue.message + " (value " + value.text + ")";
      issue.key_path = "parameters." + param.name;
    }
    issues.push_back(std::move(issue));
  }
  return ScenarioError(std::move(issues));
}

}  // namespace

std::string Shard::text() const {
  return whole() ? std::string() : std::to_string(k) + "/" + std::to_string(n);
}

Shard parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  auto number = [&](const std::string& part) -> std::size_t {
    if (part.empty() || part.size() > 6 || part.find_first_not_of("0123456789") != part.npos)
      return 0;
    return std::stoul(part);
  };
  const Shard shard{slash == text.npos ? 0 : number(text.substr(0, slash)),
                    slash == text.npos ? 0 : number(text.substr(slash + 1))};
  if (shard.k < 1 || shard.n < 1 || shard.k > shard.n)
    throw std::invalid_argument("--shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/4), got \"" + text +
                                "\"");
  return shard;
}

std::string resolved_point_text(const Scenario& scenario, const std::string& engine) {
  const std::string yaml = to_resolved_yaml(scenario, {0, engine, scenario.pattern, "", {}});
  std::size_t start = 0;
  while (start < yaml.size() && yaml[start] == '#') {
    const std::size_t nl = yaml.find('\n', start);
    start = nl == std::string::npos ? yaml.size() : nl + 1;
  }
  return yaml.substr(start);
}

std::string run_key(const std::string& resolved_text, const std::string& pattern,
                    std::uint64_t seed, const std::string& engine) {
  return sha256_hex(resolved_text + '\n' + pattern + '\n' + std::to_string(seed) + '\n' + engine);
}

Plan make_plan(Sweep sweep) {
  Plan plan;
  std::error_code ec;
  plan.scenario_path = fs::absolute(sweep.scenario, ec).lexically_normal().string();
  plan.scenario_text = read_bytes(sweep.scenario);
  plan.patterns = sweep.patterns;
  if (plan.patterns.empty())
    for (std::string_view p : runnable_patterns()) plan.patterns.emplace_back(p);

  const auto points = expand_points(sweep);
  for (std::size_t k = 0; k < points.size(); ++k) {
    PlanPoint point;
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
      const SweepValue& v = sweep.parameters[p].values[points[k][p]];
      point.params.push_back({sweep.parameters[p].name, v.text, v.num});
      point.sets.push_back(sweep.parameters[p].name + "=" + v.text);
    }
    Scenario scenario;
    try {
      scenario = parse_scenario(plan.scenario_text, sweep.scenario.string(), point.sets);
    } catch (const ScenarioError& e) {
      throw at_sweep(e, sweep, points[k]);
    }
    if (k == 0) {
      plan.engine = sweep.engine.empty() ? scenario.engine : sweep.engine;
      if (!sweep.seeds.list.empty()) {
        plan.seeds = sweep.seeds.list;
      } else {
        const std::uint64_t first = sweep.seeds.first.value_or(scenario.seed);
        if (first > UINT64_MAX - (sweep.seeds.count - 1))
          throw ScenarioError({{sweep.seeds.where.empty() ? sweep.path : sweep.seeds.where, "seeds",
                                "the seeds run past the largest seed"}});
        for (std::uint64_t i = 0; i < sweep.seeds.count; ++i) plan.seeds.push_back(first + i);
      }
    }
    // What `validate` checks: the platform loads and every pattern can be built.
    try {
      const Platform platform = load_checked_platform(scenario);
      for (const std::string& pattern : plan.patterns) check_pattern(pattern, scenario, platform);
      const ScenarioSize size = scenario_size(scenario, platform.host_count());
      const double simulation_s = estimated_wall_s(size, plan.engine);
      point.needs_yes = needs_confirmation(size, simulation_s);
      // Plus a child's start, scenario load, run folder and store write: 0.34 s per run at
      // -j 1 on the development machine (docs/batch.md, "Throughput").
      point.run_wall_s = simulation_s + kRunOverheadS;
    } catch (const ScenarioError&) {
      throw;
    } catch (const std::exception& e) {
      const std::string where = !sweep.parameters.empty()       ? sweep.parameters.front().where
                                : !sweep.patterns_where.empty() ? sweep.patterns_where
                                                                : sweep.path;
      throw ScenarioError(
          {{where, "point " + std::to_string(k) + " (" + point_label(point) + ")", e.what()}});
    }
    point.resolved_text = resolved_point_text(scenario, plan.engine);
    point.scenario_hash = sha256_hex(point.resolved_text);
    plan.points.push_back(std::move(point));
  }

  for (std::size_t k = 0; k < plan.points.size(); ++k)
    for (std::uint64_t seed : plan.seeds)
      for (const std::string& pattern : plan.patterns) {
        PlannedRun run;
        run.plan_index = plan.runs.size();
        run.point = k;
        run.pattern = pattern;
        run.seed = seed;
        run.run_key = run_key(plan.points[k].resolved_text, pattern, seed, plan.engine);
        plan.runs.push_back(std::move(run));
      }
  plan.sweep = std::move(sweep);
  return plan;
}

std::string describe_plan(const Plan& plan) {
  auto count = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  return count(plan.points.size(), "point", "points") + " × " +
         count(plan.patterns.size(), "pattern", "patterns") + " × " +
         count(plan.seeds.size(), "seed", "seeds") + " = " + count(plan.runs.size(), "run", "runs");
}

}  // namespace discolab::batch

#include "sim/validation/validation_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/compare/child_pool.h"
#include "sim/metrics/csv_format.h"
#include "sim/run/results_folder.h"
#include "sim/scenario/scenario_loader.h"

namespace discolab::validation {

namespace {

namespace fs = std::filesystem;

struct Job {
  std::uint64_t seed = 0;
  fs::path folder;  // the run's results folder (in the staging folder until commit)
  nlohmann::json summary;
  std::string error;
  bool done = false;
};

std::string number(double v) { return metrics::table_number(v); }

}  // namespace

double ks_distance(std::vector<double> samples, const std::function<double(double)>& cdf) {
  if (samples.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(samples.begin(), samples.end());
  const double n = static_cast<double>(samples.size());
  double d = 0.0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    // The empirical CDF steps from i/n to (i + 1)/n at the i-th smallest sample.
    const double f = cdf(samples[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

Expectation ks_expectation(std::size_t n) {
  Expectation e;
  e.value = 0.0;
  e.low = 0.0;
  e.high = n == 0 ? 0.0 : kKsCritical5 / std::sqrt(static_cast<double>(n));
  e.tolerance = "below 1.358/√n (KS, 5%)";
  return e;
}

bool SuiteResult::all_pass() const {
  if (interrupted || rows.empty()) return false;
  for (const RowResult& r : rows)
    if (!r.pass) return false;
  return true;
}

SuiteResult run_suite(const SuiteRequest& request, const std::vector<ValidationCase>& all,
                      const std::function<void(std::size_t, std::size_t)>& on_progress,
                      const std::function<int()>& pending_signal) {
  std::vector<const ValidationCase*> cases;
  for (const ValidationCase& c : all)
    if (!request.quick || c.quick) cases.push_back(&c);
  if (cases.empty()) throw std::invalid_argument("validate-theory: no cases to run");

  // Load every scenario first: a broken case is bad input before any child starts.
  std::vector<Scenario> scenarios;
  for (const ValidationCase* c : cases)
    scenarios.push_back(load_scenario((request.root / c->scenario).string(), c->sets));

  ResultsFolder folder(request.results, true);
  std::vector<Job> jobs;
  std::vector<compare::ChildJob> children;
  // Cases that differ only in what they measure share their runs: one child per distinct
  // (scenario, pattern, overrides, seed); its folder is named after the first such case.
  std::map<std::string, std::size_t> job_of;
  std::vector<std::vector<std::size_t>> row_jobs(cases.size());
  for (std::size_t row = 0; row < cases.size(); ++row) {
    const ValidationCase& c = *cases[row];
    const int seeds = request.quick ? c.quick_seeds : c.seeds;
    for (int k = 0; k < seeds; ++k) {
      const std::uint64_t seed = c.first_seed + static_cast<std::uint64_t>(k);
      std::string key = c.scenario + '\n' + c.pattern + '\n' + std::to_string(seed);
      for (const std::string& set : c.sets) key += '\n' + set;
      if (auto it = job_of.find(key); it != job_of.end()) {
        row_jobs[row].push_back(it->second);
        continue;
      }
      job_of.emplace(key, jobs.size());
      row_jobs[row].push_back(jobs.size());
      const fs::path run_folder = folder.staging() / c.name / ("seed" + std::to_string(seed));
      compare::ChildJob child;
      child.argv = {request.program,
                    "run",
                    (request.root / c.scenario).string(),
                    "--pattern",
                    c.pattern,
                    "--seed",
                    std::to_string(seed),
                    "--progress",
                    "jsonl",
                    "--quiet",
                    "--yes",
                    "--out",
                    run_folder.string()};
      for (const std::string& set : c.sets) {
        child.argv.push_back("--set");
        child.argv.push_back(set);
      }
      children.push_back(std::move(child));
      jobs.push_back({seed, run_folder, {}, {}, false});
    }
  }

  compare::ChildPool pool(request.parallel);
  compare::ChildCallbacks callbacks;
  std::size_t finished = 0;
  callbacks.on_line = [&](std::size_t job, const std::string& line) {
    const nlohmann::json msg = nlohmann::json::parse(line, nullptr, false);
    if (!msg.is_object() || !msg.contains("type") || !msg["type"].is_string()) return;
    const std::string type = msg["type"].get<std::string>();
    if (type == "done" && msg.contains("summary")) {
      jobs[job].summary = msg["summary"];
      jobs[job].done = true;
    } else if (type == "error" && msg.contains("message") && msg["message"].is_string()) {
      jobs[job].error = msg["message"].get<std::string>();
    }
  };
  callbacks.on_exit = [&](std::size_t job, const compare::ChildExit& exit) {
    if (exit.exit_code != 0 || exit.signal != 0) {
      jobs[job].done = false;
      if (jobs[job].error.empty()) jobs[job].error = exit.stderr_tail;
    }
    if (on_progress) on_progress(++finished, jobs.size());
  };
  callbacks.on_idle = [&] {
    if (pending_signal && pending_signal() != 0 && !pool.stopped()) pool.stop();
  };
  pool.run(children, callbacks);

  SuiteResult result;
  if (pending_signal && pending_signal() != 0) {
    result.interrupted = true;
    result.signal = pending_signal();
    return result;  // ~ResultsFolder removes the partial runs
  }
  for (std::size_t row = 0; row < cases.size(); ++row) {
    const ValidationCase& c = *cases[row];
    RowResult r;
    r.name = c.name;
    r.model = c.model;
    r.quantity = c.quantity;
    std::vector<double> samples;  // in seed order (jobs were made so)
    for (const std::size_t job : row_jobs[row]) {
      const Job& j = jobs[job];
      const std::string seed = "seed " + std::to_string(j.seed);
      if (!j.done) {
        r.failures.push_back(seed + ": " + (j.error.empty() ? "run failed" : j.error));
        continue;
      }
      const RunOutput run{j.summary, j.folder};
      if (c.distribution) {
        const std::vector<double> s = c.distribution->samples(run, scenarios[row]);
        if (s.empty()) r.failures.push_back(seed + ": no samples");
        samples.insert(samples.end(), s.begin(), s.end());
      } else if (auto v = c.measure(run, scenarios[row])) {
        samples.push_back(*v);
      } else {
        r.failures.push_back(seed + ": the figure is undefined");
      }
    }
    if (c.distribution) {
      const Scenario& sc = scenarios[row];
      const double distance =
          ks_distance(samples, [&](double x) { return c.distribution->cdf(sc, x); });
      r.expected = ks_expectation(samples.size());
      r.measured.n = samples.size();
      r.measured.mean = distance;
      r.measured.low = r.measured.high = std::numeric_limits<double>::quiet_NaN();
    } else {
      r.expected = c.theory(scenarios[row]);
      r.measured = metrics::mean_interval(samples);
    }
    r.pass = r.failures.empty() && r.measured.n > 0 && r.measured.mean >= r.expected.low &&
             r.measured.mean <= r.expected.high;
    result.rows.push_back(std::move(r));
  }
  folder.commit();
  return result;
}

std::string results_table(const SuiteResult& result) {
  std::string out =
      "| case | model | quantity | theory | accepted | tolerance | simulated mean | 95% interval "
      "| n | result |\n"
      "|---|---|---|---:|---|---|---:|---|---:|---|\n";
  for (const RowResult& r : result.rows) {
    out += "| " + r.name + " | " + r.model + " | " + r.quantity + " | " + number(r.expected.value) +
           " | [" + number(r.expected.low) + ", " + number(r.expected.high) + "] | " +
           r.expected.tolerance + " | " + number(r.measured.mean) + " | [" +
           number(r.measured.low) + ", " + number(r.measured.high) + "] | " +
           std::to_string(r.measured.n) + " | " + (r.pass ? "pass" : "**FAIL**") + " |\n";
  }
  return out;
}

std::string fill_template(const std::string& text, const std::string& results) {
  const std::string marker = "{{results}}";
  const std::size_t at = text.find(marker);
  if (at == std::string::npos)
    throw std::invalid_argument("validate-theory: the template has no {{results}} line");
  return text.substr(0, at) + results + text.substr(at + marker.size());
}

}  // namespace discolab::validation

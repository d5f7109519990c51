#include "sim/tune/tune_output.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "sim/batch/results_store.h"
#include "sim/batch/sha256.h"
#include "sim/metrics/csv_format.h"
#include "sim/report/gnuplot_plots.h"
#include "sim/version.h"

namespace discolab::tune {
namespace {

namespace fs = std::filesystem;

std::string num(double v) { return metrics::table_number(v); }

std::string interval(const metrics::MeanInterval& m, const std::string& unit) {
  if (m.n == 0 || std::isnan(m.mean)) return "undefined";
  std::string out = num(m.mean) + unit_text(unit);
  if (m.n >= 2 && !std::isnan(m.half_width)) out += " [" + num(m.low) + ", " + num(m.high) + "]";
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string csv_number(double v) {
  std::string out;
  metrics::append_double(out, v);
  return out;
}

nlohmann::json interval_json(const metrics::MeanInterval& m) {
  auto value = [](double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); };
  return {{"n", m.n},
          {"mean", value(m.mean)},
          {"ci95_low", value(m.low)},
          {"ci95_high", value(m.high)}};
}

std::string goal(const TuneSpec& spec) {
  std::string out = (spec.objective.maximize ? "maximise " : "minimise ") + spec.objective.figure +
                    " [" + spec.objective.unit + "]";
  for (std::size_t s = 0; s < spec.slos.size(); ++s)
    out += (s == 0 ? " subject to " : " and ") + spec.slos[s].text;
  return out;
}

}  // namespace

std::string answer_text(const TuneSpec& spec, const CandidateRuns& runs, const Verdict& verdict) {
  std::ostringstream t;
  t << "tune: " << goal(spec) << "\n"
    << "runs: " << runs.requested() << " of a budget of " << spec.budget << " (" << runs.executed()
    << " run now, " << runs.skipped() << " found stored, " << runs.failed() << " failed); "
    << runs.candidates().size() << " candidates; 95% Student-t intervals across "
    << "common seeds\n";
  for (const PatternVerdict& pv : verdict.patterns) {
    t << "\n";
    if (!pv.best && !pv.closest) {
      t << pv.pattern << ": no run succeeded\n";
      continue;
    }
    const std::size_t c = pv.best ? *pv.best : *pv.closest;
    const Candidate& cand = runs[c];
    const Judgement& j = pv.judgement;
    if (pv.best) {
      t << pv.pattern << ": best setting " << setting_text(spec, cand) << " (" << cand.ok_runs
        << " seeds)\n";
    } else {
      t << pv.pattern << ": NO setting within the ranges meets the SLO. Closest point "
        << setting_text(spec, cand) << " (" << cand.ok_runs << " seeds), where:\n";
      for (std::size_t s = 0; s < spec.slos.size(); ++s)
        if (j.violation[s] > 0) t << "  fails  " << slo_statement(spec.slos[s], j.slo[s]) << "\n";
    }
    t << "  " << (spec.objective.maximize ? "maximised " : "minimised ") << spec.objective.figure
      << " = " << interval(j.objective, spec.objective.unit) << "\n";
    for (std::size_t s = 0; s < spec.slos.size(); ++s)
      if (pv.best || j.violation[s] <= 0)
        t << "  " << slo_statement(spec.slos[s], j.slo[s]) << "\n";
    if (pv.best) {
      if (pv.binding) {
        const std::size_t b = *pv.binding;
        const Judgement nj = judge(spec, runs[*pv.next_cheaper]);
        const metrics::MeanInterval& m = j.slo[b];
        const bool reaches =
            m.n < 2 || std::isnan(m.half_width) ||
            spec.slos[b].violation(spec.slos[b].bound == Bound::at_most ? m.high : m.low) > 0;
        t << "  binding constraint: " << spec.slos[b].text << " (slack "
          << num(-100.0 * j.violation[b]) << "% of the bound"
          << (reaches ? ", and its 95% interval reaches past the bound" : "")
          << "); the next cheaper setting tried, " << setting_text(spec, runs[*pv.next_cheaper])
          << ", misses it: " << num(nj.slo[b].mean) << unit_text(spec.slos[b].unit) << "\n";
      } else {
        t << "  no constraint binds: no cheaper setting was found in range\n";
      }
      t << "  all SLOs met with 95% confidence: " << (j.confident ? "yes" : "no — by the means")
        << "\n";
      for (const std::string& key : pv.at_edge)
        t << "  " << key
          << " is at an end of its --vary range: the optimum may lie beyond it; widen it\n";
    }
  }
  if (verdict.patterns.size() > 1) {
    t << "\nranking by the cost of meeting the SLO (" << spec.objective.figure << "):\n"
      << "| rank | pattern | meets the SLO | " << spec.objective.figure << " ["
      << spec.objective.unit << "] | setting |\n|---|---|---|---|---|\n";
    std::size_t rank = 0;
    for (const PatternVerdict& pv : verdict.patterns) {
      const std::optional<std::size_t> c = pv.best ? pv.best : pv.closest;
      t << "| " << ++rank << " | " << pv.pattern << " | "
        << (pv.best ? "yes"
                    : (c ? "no (misses by " + num(100 * pv.judgement.total_violation) +
                               "% of the bounds)"
                         : "no runs"))
        << " | " << (c ? interval(pv.judgement.objective, "") : "–") << " | "
        << (c ? setting_text(spec, runs[*c]) : "–") << " |\n";
    }
  }
  return t.str();
}

std::vector<std::string> write_outputs(const OutputRequest& request, const TuneSpec& spec,
                                       const CandidateRuns& runs, const Verdict& verdict) {
  std::vector<std::string> notes;
  const fs::path& out = request.out;
  fs::create_directories(out);
  write_file(out / "answer.md", answer_text(spec, runs, verdict));
  write_file(out / "tune.yaml", spec_text(spec));

  // candidates.csv
  std::string csv = "pattern,stage";
  for (const Vary& v : spec.varies) {
    csv += ',';
    metrics::append_csv_field(csv, v.key);
  }
  csv += ",seeds_ok,seeds_failed,objective_mean,objective_ci95_low,objective_ci95_high";
  for (std::size_t s = 0; s < spec.slos.size(); ++s) {
    const std::string p = "slo" + std::to_string(s + 1);
    csv += "," + p + "_mean," + p + "_ci95_low," + p + "_ci95_high";
  }
  csv += ",feasible,confident\n";
  for (const Candidate& c : runs.candidates()) {
    if (c.seeds == 0) continue;  // proposed when the budget ran out
    const Judgement j = judge(spec, c);
    csv += c.pattern + "," + c.stage;
    for (const std::string& v : c.values) {
      csv += ',';
      metrics::append_csv_field(csv, v);
    }
    csv += "," + std::to_string(c.ok_runs) + "," + std::to_string(c.failed_runs);
    for (const auto* m : {&j.objective})
      csv += "," + csv_number(m->mean) + "," + csv_number(m->low) + "," + csv_number(m->high);
    for (const auto& m : j.slo)
      csv += "," + csv_number(m.mean) + "," + csv_number(m.low) + "," + csv_number(m.high);
    csv += std::string(",") + (j.feasible ? "1" : "0") + "," + (j.confident ? "1" : "0") + "\n";
  }
  write_file(out / "candidates.csv", csv);

  // pareto.csv and the plot
  std::string pcsv =
      "pattern,setting,slo_mean,slo_ci95_low,slo_ci95_high,objective_mean,"
      "objective_ci95_low,objective_ci95_high,seeds\n";
  report::PlotSpec plot;
  if (!spec.slos.empty()) {
    const Slo& main = spec.slos.front();
    plot.name = "pareto";
    plot.title = "Pareto front per pattern";
    plot.xlabel = main.figure + " [" + main.unit + "], mean of the seeds";
    plot.ylabel = spec.objective.figure + " [" + spec.objective.unit + "], mean and 95% interval";
    double ylo = INFINITY, yhi = -INFINITY;
    for (const PatternVerdict& pv : verdict.patterns) {
      report::PlotSeries series{pv.pattern, {}};
      for (std::size_t c : pv.pareto) {
        const Judgement j = judge(spec, runs[c]);
        const double lo = std::isnan(j.objective.low) ? j.objective.mean : j.objective.low;
        const double hi = std::isnan(j.objective.high) ? j.objective.mean : j.objective.high;
        series.points.push_back({j.slo.front().mean, j.objective.mean, lo, hi});
        ylo = std::min(ylo, lo);
        yhi = std::max(yhi, hi);
        pcsv += pv.pattern + ",";
        metrics::append_csv_field(pcsv, setting_text(spec, runs[c]));
        pcsv += "," + csv_number(j.slo.front().mean) + "," + csv_number(j.slo.front().low) + "," +
                csv_number(j.slo.front().high) + "," + csv_number(j.objective.mean) + "," +
                csv_number(j.objective.low) + "," + csv_number(j.objective.high) + "," +
                std::to_string(runs[c].ok_runs) + "\n";
      }
      plot.series.push_back(std::move(series));
    }
    double xlo = main.value, xhi = main.value;
    for (const auto& series : plot.series)
      for (const auto& p : series.points) {
        xlo = std::min(xlo, p[0]);
        xhi = std::max(xhi, p[0]);
      }
    // Log axes where the values are positive and span more than a decade.
    plot.log_x = xlo > 0 && xhi / xlo > 10;
    plot.log_y = ylo > 0 && yhi / ylo > 10;
    if (std::isfinite(ylo) && std::isfinite(yhi))
      plot.series.push_back(
          {"SLO: " + main.text, {{main.value, ylo, ylo, ylo}, {main.value, yhi, yhi, yhi}}});
  }
  write_file(out / "pareto.csv", pcsv);
  if (plot.name.empty()) {
    notes.push_back("no --slo: no Pareto plot");
  } else if (!request.gnuplot) {
    notes.push_back("gnuplot not found: no Pareto plot (plots/pareto.gp and .dat not drawn)");
  } else {
    try {
      report::render_plots(*request.gnuplot, out / "plots", {plot});
    } catch (const std::exception& e) {
      notes.push_back(std::string("the Pareto plot failed: ") + e.what());
    }
  }

  // tune.json: what produced the folder, and the answer.
  const batch::Plan& plan = runs.plan();
  nlohmann::json j;
  j["command"] = request.command;
  j["scenario"] = plan.scenario_path;
  j["scenario_sha256"] = batch::sha256_hex(plan.scenario_text);
  j["discolab_version"] = std::string(kVersion);
  j["engine"] = plan.engine;
  j["finished_utc"] = batch::utc_now();
  j["store"] = "results.sqlite";
  j["objective"] = {{"figure", spec.objective.figure},
                    {"unit", spec.objective.unit},
                    {"direction", spec.objective.maximize ? "maximize" : "minimize"}};
  j["slos"] = nlohmann::json::array();
  for (const Slo& s : spec.slos)
    j["slos"].push_back({{"text", s.text},
                         {"figure", s.figure},
                         {"unit", s.unit},
                         {"op", s.bound == Bound::at_most ? "<=" : ">="},
                         {"value", s.value}});
  j["runs"] = {{"budget", spec.budget},       {"requested", runs.requested()},
               {"executed", runs.executed()}, {"skipped_stored", runs.skipped()},
               {"failed", runs.failed()},     {"candidates", runs.candidates().size()}};
  j["patterns"] = nlohmann::json::array();
  for (const PatternVerdict& pv : verdict.patterns) {
    nlohmann::json p{{"pattern", pv.pattern}};
    const std::optional<std::size_t> c = pv.best ? pv.best : pv.closest;
    p["meets_slo"] = pv.best.has_value();
    if (c) {
      const Candidate& cand = runs[*c];
      p["setting"] = nlohmann::json::object();
      for (std::size_t k = 0; k < spec.varies.size(); ++k)
        p["setting"][spec.varies[k].key] = cand.values[k];
      p["seeds"] = cand.ok_runs;
      p["objective"] = interval_json(pv.judgement.objective);
      p["slos"] = nlohmann::json::array();
      for (std::size_t s = 0; s < spec.slos.size(); ++s) {
        nlohmann::json sj = interval_json(pv.judgement.slo[s]);
        sj["slo"] = spec.slos[s].text;
        sj["met"] = pv.judgement.violation[s] <= 0;
        sj["relative_violation"] = pv.judgement.violation[s];
        p["slos"].push_back(sj);
      }
      p["confident"] = pv.judgement.confident;
      if (pv.binding) p["binding"] = spec.slos[*pv.binding].text;
      p["at_range_end"] = pv.at_edge;
    }
    j["patterns"].push_back(p);
  }
  write_file(out / "tune.json", j.dump(2) + "\n");
  return notes;
}

}  // namespace discolab::tune

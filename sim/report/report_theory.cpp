#include "sim/report/report_theory.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/batch/plan.h"
#include "sim/batch/sweep.h"
#include "sim/metrics/confidence.h"
#include "sim/metrics/csv_format.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/theory/closed_forms.h"

namespace discolab::report {

nlohmann::json summary_of(const StoredRun& run) {
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& [key, value] : run.figures) {
    nlohmann::json* node = &summary;
    std::size_t from = 0;
    for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', from)) {
      node = &(*node)[key.substr(from, dot - from)];
      from = dot + 1;
    }
    (*node)[key.substr(from)] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  }
  return summary;
}

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string point_text(const batch::PlanPoint& point) {
  std::string out;
  for (const batch::PlanParam& p : point.params)
    out += (out.empty() ? "" : ", ") + p.name + "=" + p.value;
  return out.empty() ? "–" : out;
}

}  // namespace

void append_theory(const ResultsStore& store, std::vector<Block>& doc) {
  if (!store.meta_value("tune_command").empty()) {  // a tune's points are not a sweep's
    doc.push_back(Heading{2, "Theory beside measurement"});
    doc.push_back(Paragraph{"Not checked for a tune's store (`discolab tune`, docs/tune.md)."});
    return;
  }
  const std::string sweep_path = store.meta_value("sweep_path");
  if (sweep_path.empty() || !std::filesystem::exists(sweep_path) ||
      read_text(sweep_path) != store.meta_value("sweep_text")) {
    doc.push_back(Heading{2, "Theory beside measurement"});
    doc.push_back(Paragraph{"Not checked: the sweep file `" + sweep_path +
                            "` the store names is not here or has changed since the batch ran "
                            "(run `report` where the batch ran)."});
    return;
  }
  const batch::Plan plan = batch::make_plan(batch::load_sweep(sweep_path));
  Table t{{"point", "pattern", "quantity", "model", "theory", "n", "measured mean", "95% low",
           "95% high"},
          {},
          5};
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const Scenario scenario = load_scenario(plan.scenario_path, plan.points[p].sets);
    for (const std::string& pattern : plan.patterns) {
      for (const theory::ClosedForm& form : theory::closed_forms(scenario, pattern)) {
        std::vector<double> values;
        for (const StoredRun& run : store.runs)
          if (run.ok() && run.point == static_cast<std::int64_t>(p) && run.pattern == pattern)
            if (const auto v = form.measure(summary_of(run))) values.push_back(*v);
        const metrics::MeanInterval m = metrics::mean_interval(values);
        t.rows.push_back({point_text(plan.points[p]), pattern, form.quantity, form.model,
                          (form.exact ? "" : "≈") + metrics::table_number(form.value),
                          std::to_string(m.n), metrics::table_number(m.mean),
                          metrics::table_number(m.low), metrics::table_number(m.high)});
      }
    }
  }
  if (t.rows.empty()) return;
  doc.push_back(Heading{2, "Theory beside measurement"});
  doc.push_back(Paragraph{
      "The closed forms that apply to a point's scenario (sim/theory/closed_forms.h; "
      "docs/compare.md lists their conditions), beside the mean and 95% Student-t interval of "
      "what the point's runs measured. ≈ marks a limit or an approximation."});
  doc.push_back(t);
}

}  // namespace discolab::report

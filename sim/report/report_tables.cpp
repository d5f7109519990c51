#include "sim/report/report_tables.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>

#include "sim/metrics/figures.h"

namespace discolab::report {
namespace {

constexpr std::string_view kUserPrefix = "user.";

bool in_store(const ResultsStore& store, const std::string& key) {
  return std::binary_search(store.figure_keys.begin(), store.figure_keys.end(), key);
}

// The client groups g for which the store holds "by_client.<g>.<rest>".
std::vector<std::string> client_groups_with(const ResultsStore& store, const std::string& rest) {
  const std::string prefix = "by_client.", suffix = "." + rest;
  std::vector<std::string> groups;
  for (const std::string& k : store.figure_keys)
    if (k.size() > prefix.size() + suffix.size() && k.starts_with(prefix) && k.ends_with(suffix))
      groups.push_back(k.substr(prefix.size(), k.size() - prefix.size() - suffix.size()));
  return groups;
}

// The store's figure for `key`, or nullopt with `why` set.
std::optional<ReportFigure> resolve(const ResultsStore& store, const std::string& key,
                                    std::string& why) {
  std::string concrete = key, label_prefix;
  if (key.starts_with(kUserPrefix)) {
    const std::string rest = key.substr(kUserPrefix.size());
    const std::vector<std::string> groups = client_groups_with(store, rest);
    if (groups.size() != 1) {
      std::string names;
      for (const std::string& g : groups) names += (names.empty() ? "" : ", ") + g;
      why = groups.empty()
                ? "the store has no client group's " + rest
                : "the store has " + std::to_string(groups.size()) + " client groups (" + names +
                      ") and does not record which one faces users; ask for "
                      "by_client.<group>." +
                      rest + " with --figures";
      return std::nullopt;
    }
    concrete = "by_client." + groups.front() + "." + rest;
    label_prefix = "users (" + groups.front() + "): ";
  }
  const metrics::DeclaredFigure* d = metrics::find_figure(concrete);
  if (d == nullptr) {
    why = "not a figure of summary.json (see `discolab figures`)";
    return std::nullopt;
  }
  if (!in_store(store, concrete)) {
    why = "no run in the store has it";
    return std::nullopt;
  }
  return ReportFigure{concrete, label_prefix + d->label, std::string(d->figure->unit)};
}

std::string series_name(const StoredRun& run, bool several_engines) {
  return several_engines ? run.pattern + " / " + run.engine : run.pattern;
}

struct PanelRuns {
  std::vector<std::pair<std::string, std::string>> fixed;
  std::vector<ParamValue> xs;
  std::vector<std::vector<const StoredRun*>> runs;  // per x
};

ParamValue param_of(const StoredRun& run, const std::string& name) {
  auto it = run.params.find(name);
  return it == run.params.end() ? ParamValue{} : it->second;
}

// Whether every run with the same value of `a` has the same value of `b`.
bool determines(const ResultsStore& store, const std::string& a, const std::string& b) {
  std::map<std::string, std::string> seen;
  for (const StoredRun& run : store.runs) {
    const auto [it, inserted] = seen.emplace(param_of(run, a).text, param_of(run, b).text);
    if (!inserted && it->second != param_of(run, b).text) return false;
  }
  return true;
}

// The parameters in groups varied together (each determines the other), in store order.
std::vector<std::vector<std::string>> axes(const ResultsStore& store) {
  std::vector<std::vector<std::string>> groups;
  for (const std::string& p : store.param_names) {
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& group) {
      return determines(store, group.front(), p) && determines(store, p, group.front());
    });
    if (g == groups.end())
      groups.push_back({p});
    else
      g->push_back(p);
  }
  return groups;
}

std::vector<PanelRuns> split(const ResultsStore& store, const std::vector<std::string>& axis) {
  const std::string param = axis.empty() ? std::string() : axis.front();
  std::vector<PanelRuns> panels;
  for (const StoredRun& run : store.runs) {
    std::vector<std::pair<std::string, std::string>> fixed;
    for (const std::string& other : store.param_names)
      if (std::find(axis.begin(), axis.end(), other) == axis.end())
        fixed.emplace_back(other, param_of(run, other).text);
    auto panel = std::find_if(panels.begin(), panels.end(),
                              [&](const PanelRuns& p) { return p.fixed == fixed; });
    if (panel == panels.end()) panel = panels.insert(panels.end(), PanelRuns{fixed, {}, {}});
    const ParamValue x = param.empty() ? ParamValue{"all", std::nullopt} : param_of(run, param);
    auto at = std::find_if(panel->xs.begin(), panel->xs.end(),
                           [&](const ParamValue& v) { return v.text == x.text; });
    if (at == panel->xs.end()) {
      panel->xs.push_back(x);
      panel->runs.emplace_back();
      at = panel->xs.end() - 1;
    }
    panel->runs[static_cast<std::size_t>(at - panel->xs.begin())].push_back(&run);
  }
  return panels;
}

Panel make_panel(PanelRuns pr, const std::vector<std::string>& series, bool several_engines,
                 const std::vector<ReportFigure>& figures) {
  Panel panel;
  panel.fixed = std::move(pr.fixed);
  panel.numeric = std::all_of(pr.xs.begin(), pr.xs.end(),
                              [](const ParamValue& v) { return v.num.has_value(); });
  std::vector<std::size_t> order(pr.xs.size());
  std::iota(order.begin(), order.end(), 0);
  if (panel.numeric)
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return *pr.xs[a].num < *pr.xs[b].num; });
  for (std::size_t i : order) panel.xs.push_back(pr.xs[i]);
  if (panel.numeric && !panel.xs.empty()) {
    const double lo = *panel.xs.front().num, hi = *panel.xs.back().num;
    panel.log_x = lo > 0 && hi / lo > 10.0;
  }
  for (const ReportFigure& figure : figures) {
    FigureTable table{figure, {}};
    for (std::size_t i : order) {
      FigureRow row{pr.xs[i], {}};
      for (const std::string& s : series) {
        std::vector<double> values;
        for (const StoredRun* run : pr.runs[i]) {
          if (!run->ok() || series_name(*run, several_engines) != s) continue;
          auto v = run->figures.find(figure.key);
          if (v != run->figures.end() && v->second) values.push_back(*v->second);
        }
        row.by_series.push_back(metrics::mean_interval(values));
      }
      table.rows.push_back(std::move(row));
    }
    panel.tables.push_back(std::move(table));
  }
  return panel;
}

}  // namespace

std::vector<ReportFigure> default_report_figures(const ResultsStore& store,
                                                 std::vector<std::string>& notes) {
  std::vector<ReportFigure> out;
  for (const metrics::ComparedFigure& f : metrics::comparison_figures()) {
    std::string why;
    if (auto r = resolve(store, f.key, why))
      out.push_back(std::move(*r));
    else
      notes.push_back("left out " + f.key + ": " + why);
  }
  return out;
}

std::vector<ReportFigure> requested_report_figures(const ResultsStore& store,
                                                   const std::vector<std::string>& keys) {
  std::vector<ReportFigure> out;
  for (const std::string& key : keys) {
    std::string why;
    auto r = resolve(store, key, why);
    if (!r) throw std::invalid_argument("--figures: " + key + ": " + why);
    if (std::none_of(out.begin(), out.end(),
                     [&](const ReportFigure& f) { return f.key == r->key; }))
      out.push_back(std::move(*r));
  }
  return out;
}

ReportData report_data(const ResultsStore& store, const std::vector<ReportFigure>& figures) {
  ReportData data;
  std::set<std::string> engines;
  for (const StoredRun& run : store.runs) engines.insert(run.engine);
  const bool several_engines = engines.size() > 1;
  for (const StoredRun& run : store.runs) {
    const std::string s = series_name(run, several_engines);
    if (std::find(data.series.begin(), data.series.end(), s) == data.series.end())
      data.series.push_back(s);
  }
  std::vector<std::vector<std::string>> groups = axes(store);
  if (groups.empty()) groups.emplace_back();
  for (const std::vector<std::string>& axis : groups) {
    ParameterSection section{axis.empty() ? std::string() : axis.front(), {}, {}};
    if (axis.size() > 1) section.along.assign(axis.begin() + 1, axis.end());
    for (PanelRuns& pr : split(store, axis))
      section.panels.push_back(make_panel(std::move(pr), data.series, several_engines, figures));
    data.sections.push_back(std::move(section));
  }
  return data;
}

std::string describe_panel(const Panel& panel) {
  std::string out;
  for (const auto& [name, value] : panel.fixed)
    out += (out.empty() ? "" : ", ") + name + "=" + value;
  return out;
}

}  // namespace discolab::report

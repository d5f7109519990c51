#include "sim/report/report_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>

#include "sim/metrics/csv_format.h"
#include "sim/report/gnuplot_plots.h"
#include "sim/report/report_document.h"
#include "sim/report/report_theory.h"
#include "sim/report/report_tables.h"
#include "sim/report/results_store.h"
#include "sim/version.h"

namespace discolab::report {
namespace {

constexpr const char* kNoGnuplot =
    "plots need gnuplot (Debian package gnuplot-nox), which is not on PATH: this report has "
    "its tables only";

std::string shown(double v) {
  if (std::isnan(v)) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::filesystem::path prepare_folder(const ReportRequest& req, const ResultsStore& store) {
  const std::filesystem::path dir = req.out.empty() ? store.path.parent_path() / "report" : req.out;
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec))
      throw std::invalid_argument(dir.string() + ": exists and is not a folder");
    if (!std::filesystem::is_empty(dir, ec) && !std::filesystem::exists(dir / "report.md", ec))
      throw std::invalid_argument(dir.string() +
                                  ": exists and is not a discolab report folder (no report.md); "
                                  "choose another --out");
    std::filesystem::remove_all(dir / "plots");  // a previous report's plots
  }
  std::filesystem::create_directories(dir / "plots");
  return dir;
}

std::string figure_heading(const ReportFigure& f) {
  return f.label + (f.unit.empty() ? "" : " (" + f.unit + ")") + ": `" + f.key + "`";
}

std::vector<std::string> distinct_values(const std::string& param, const ReportData& data) {
  std::vector<std::string> out;
  for (const ParameterSection& s : data.sections)
    if (s.param == param)
      for (const Panel& p : s.panels)
        for (const ParamValue& x : p.xs)
          if (std::find(out.begin(), out.end(), x.text) == out.end()) out.push_back(x.text);
  return out;
}

// The report's opening: what produced it.
void describe_store(const ResultsStore& store, std::vector<Block>& doc) {
  std::size_t ok = 0;
  std::set<std::string> versions;
  for (const StoredRun& r : store.runs) {
    ok += r.ok() ? 1 : 0;
    versions.insert(r.version);
  }
  std::string run_versions;
  for (const std::string& v : versions) run_versions += (run_versions.empty() ? "" : ", ") + v;
  Table t{{"", ""}, {}};
  auto row = [&](const std::string& what, const std::string& value) {
    if (!value.empty()) t.rows.push_back({what, value});
  };
  row("batch", store.meta_value("batch"));
  row("sweep file", store.meta_value("sweep_path"));
  row("base scenario", store.meta_value("base_scenario_path"));
  row("engine", store.meta_value("engine"));
  row("batch written by", store.meta_value("discolab_version"));
  row("runs made by", run_versions);
  row("batch created (UTC)", store.meta_value("created_utc"));
  row("shard", store.meta_value("shard"));
  row("runs", std::to_string(store.runs.size()) + " of " + store.meta_value("plan_size", "?") +
                  " planned: " + std::to_string(ok) + " ok, " +
                  std::to_string(store.runs.size() - ok) + " failed");
  row("report written by", std::string("discolab ") + kVersion);
  doc.push_back(Heading{1, "discolab report: " + store.meta_value("batch", "batch")});
  doc.push_back(Paragraph{"From `" + store.path.string() + "` (results store schema version " +
                          store.meta_value("schema_version") + ")."});
  doc.push_back(t);
}

void list_failures(const ResultsStore& store, std::vector<Block>& doc) {
  Table t{{"run", "point", "pattern", "seed", "error"}, {}};
  for (const StoredRun& r : store.runs) {
    if (r.ok()) continue;
    std::string error = r.error.substr(0, r.error.find('\n'));
    if (error.size() > 200) error = error.substr(0, 200) + "…";
    t.rows.push_back({"`" + r.run_key.substr(0, 12) + "`", std::to_string(r.point), r.pattern,
                      std::to_string(r.seed), error});
  }
  if (t.rows.empty()) return;
  doc.push_back(Heading{2, "Failed runs"});
  doc.push_back(
      Paragraph{"Failed runs count in no table; their full error text is in the "
                "store's runs.error."});
  doc.push_back(t);
}

PlotSpec plot_spec(const std::string& param, const Panel& panel, const FigureTable& table,
                   const std::vector<std::string>& series) {
  PlotSpec plot;
  const std::string where = describe_panel(panel);
  plot.title = table.figure.label + " vs " + param + (where.empty() ? "" : " (" + where + ")");
  plot.xlabel = param;
  plot.ylabel =
      table.figure.label + (table.figure.unit.empty() ? "" : " (" + table.figure.unit + ")");
  plot.log_x = panel.log_x;
  if (!panel.numeric)
    for (const ParamValue& x : panel.xs) plot.categories.push_back(x.text);
  for (std::size_t s = 0; s < series.size(); ++s) {
    PlotSeries line{series[s], {}};
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const metrics::MeanInterval& m = table.rows[i].by_series[s];
      if (m.n == 0) continue;
      const double x = panel.numeric ? *table.rows[i].x.num : static_cast<double>(i);
      line.points.push_back({x, m.mean, m.n >= 2 ? m.low : m.mean, m.n >= 2 ? m.high : m.mean});
    }
    plot.series.push_back(std::move(line));
  }
  return plot;
}

bool has_points(const PlotSpec& plot) {
  for (const PlotSeries& s : plot.series)
    if (!s.points.empty()) return true;
  return false;
}

Table stats_table(const std::string& param, const FigureTable& table,
                  const std::vector<std::string>& series) {
  Table t{
      {param.empty() ? "runs" : "`" + param + "`", "pattern", "n", "mean", "95% low", "95% high"},
      {},
      2};
  for (const FigureRow& row : table.rows)
    for (std::size_t s = 0; s < series.size(); ++s) {
      const metrics::MeanInterval& m = row.by_series[s];
      t.rows.push_back(
          {row.x.text, series[s], std::to_string(m.n), shown(m.mean), shown(m.low), shown(m.high)});
    }
  return t;
}

void append_tables_csv(std::string& csv, const std::string& param, const Panel& panel,
                       const FigureTable& table, const std::vector<std::string>& series) {
  for (const FigureRow& row : table.rows)
    for (std::size_t s = 0; s < series.size(); ++s) {
      const metrics::MeanInterval& m = row.by_series[s];
      for (const std::string& field :
           {param, describe_panel(panel), table.figure.key, series[s], row.x.text}) {
        metrics::append_csv_field(csv, field);
        csv += ',';
      }
      if (row.x.num) metrics::append_double(csv, *row.x.num);
      csv += "," + std::to_string(m.n);
      for (double v : {m.mean, m.low, m.high}) {
        csv += ',';
        metrics::append_double(csv, v);
      }
      csv += '\n';
    }
}

}  // namespace

ReportResult write_report(const ReportRequest& req) {
  const ResultsStore store = load_results_store(req.store);
  ReportResult result;
  const std::vector<ReportFigure> figures = req.figures.empty()
                                                ? default_report_figures(store, result.notes)
                                                : requested_report_figures(store, req.figures);
  if (!req.gnuplot) result.notes.insert(result.notes.begin(), kNoGnuplot);
  const ReportData data = report_data(store, figures);
  result.folder = prepare_folder(req, store);

  std::vector<Block> doc;
  describe_store(store, doc);
  if (!result.notes.empty()) doc.push_back(BulletList{result.notes});
  doc.push_back(Paragraph{
      "Each table gives, per pattern and parameter value, the figure's mean across seeds and "
      "its 95% Student-t interval (mean ± t(0.975, n−1)·s/√n; none when n < 2). n counts the "
      "runs of that point in which the figure was defined (a percentile below its sample rule "
      "is undefined). Plots draw the mean with a shaded band for the interval; x is the "
      "parameter's number in the scenario's base unit (seconds for durations). tables.csv has "
      "every number at full precision."});
  list_failures(store, doc);
  append_theory(store, doc);

  if (!store.param_names.empty()) {
    BulletList params;
    for (const std::string& p : store.param_names) {
      std::string values;
      for (const std::string& v : distinct_values(p, data))
        values += (values.empty() ? "" : ", ") + v;
      params.items.push_back("`" + p + "`: " + values);
    }
    doc.push_back(Heading{2, "Swept parameters"});
    doc.push_back(params);
  }

  std::string csv = "parameter,panel,figure,pattern,x,x_num,n,mean,ci95_low,ci95_high\n";
  std::vector<PlotSpec> plots;
  std::set<std::string> plot_names;
  for (const ParameterSection& section : data.sections) {
    doc.push_back(Heading{2, section.param.empty() ? "All runs (the sweep varies no parameter)"
                                                   : "`" + section.param + "`"});
    if (!section.along.empty()) {
      std::string along;
      for (const std::string& p : section.along) along += (along.empty() ? "`" : ", `") + p + "`";
      doc.push_back(Paragraph{"Varied together with " + along +
                              " (one axis: each value of one goes with one value of the other)."});
    }
    for (const Panel& panel : section.panels) {
      const std::string where = describe_panel(panel);
      const int level = section.panels.size() > 1 ? 4 : 3;
      if (section.panels.size() > 1) doc.push_back(Heading{3, "With " + where});
      for (const FigureTable& table : panel.tables) {
        doc.push_back(Heading{level, figure_heading(table.figure)});
        PlotSpec plot = plot_spec(section.param, panel, table, data.series);
        if (req.gnuplot && panel.xs.size() >= 2 && has_points(plot)) {
          std::string name = file_safe(table.figure.key + "-vs-" + section.param +
                                       (where.empty() ? "" : "--" + where));
          for (int k = 2; !plot_names.insert(name).second; ++k)
            name = file_safe(table.figure.key + "-vs-" + section.param) + "-" + std::to_string(k);
          plot.name = name;
          doc.push_back(Plot{name, plot.title});
          plots.push_back(std::move(plot));
        }
        doc.push_back(stats_table(section.param, table, data.series));
        append_tables_csv(csv, section.param, panel, table, data.series);
        ++result.tables;
      }
    }
  }
  if (req.gnuplot) render_plots(*req.gnuplot, result.folder / "plots", plots);
  result.plots = plots.size();

  const std::string title = "discolab report: " + store.meta_value("batch", "batch");
  write_text(result.folder / "report.md", render_markdown(doc));
  write_text(result.folder / "report.html", render_html(doc, title, result.folder));
  write_text(result.folder / "tables.csv", csv);
  return result;
}

}  // namespace discolab::report

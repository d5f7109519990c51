#include "sim/compare/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/metrics/csv_format.h"

namespace discolab::compare {

void Comparison::add(const std::string& pattern, std::uint64_t seed,
                     const nlohmann::json& summary) {
  summaries_[pattern][seed] = summary;
  figures_.clear();
}

const std::vector<ComparisonFigure>& Comparison::figures() const {
  if (!figures_.empty()) return figures_;
  for (const metrics::ComparedFigure& f : metrics::comparison_figures())
    figures_.push_back({f.key, f.label, f.declared->figure, "", "", true});
  // The user-facing group's figures already lead the table (the "user." figures).
  std::set<std::string> user_facing;
  for (const auto& [pattern, runs] : summaries_)
    for (const auto& [seed, summary] : runs)
      if (auto u = summary.find("user_facing_client"); u != summary.end() && u->is_string())
        user_facing.insert(u->get<std::string>());
  for (const std::string kind : {"by_client", "by_service"}) {
    std::set<std::string> names;
    for (const auto& [pattern, runs] : summaries_)
      for (const auto& [seed, summary] : runs)
        for (std::string& n : metrics::group_names(summary, kind)) names.insert(std::move(n));
    for (const std::string& name : names) {
      for (const std::string_view key : metrics::group_figure_keys()) {
        const metrics::DeclaredFigure* d = metrics::find_figure(
            kind + (kind == "by_client" ? ".<group>." : ".<service>.") + std::string(key));
        if (d == nullptr) throw std::logic_error("undeclared group figure " + std::string(key));
        // The table shows each client group's failures and p99; the rest go to the csv.
        const bool shown = kind == "by_client" && !user_facing.contains(name) &&
                           (key == "requests.failure_rate" || key == "latency.p99_ms");
        const std::string who = kind == "by_client" ? name : "→ " + name;
        figures_.push_back({kind + "." + name + "." + std::string(key),
                            who + ": " + std::string(d->figure->label), d->figure, kind, name,
                            shown});
      }
    }
  }
  return figures_;
}

const std::map<std::uint64_t, nlohmann::json>& Comparison::summaries(
    const std::string& pattern) const {
  static const std::map<std::uint64_t, nlohmann::json> none;
  auto it = summaries_.find(pattern);
  return it == summaries_.end() ? none : it->second;
}

std::string_view to_string(IntervalSource source) {
  switch (source) {
    case IntervalSource::seeds:
      return "seeds";
    case IntervalSource::batch_means:
      return "batch-means";
    case IntervalSource::none:
      break;
  }
  return "";
}

namespace {

// The batch-means interval of `key` in one run's summary (steady_state.<name>), when the
// figure has one and the run defined it.
bool batch_means_interval(const nlohmann::json& summary, const std::string& key,
                          ComparisonRow& row) {
  for (const metrics::SteadyStateFigure& f : metrics::kSteadyStateFigures) {
    if (f.figure != key) continue;
    const std::string base = "steady_state." + std::string(f.name) + ".";
    const nlohmann::json* mean = metrics::figure_value(summary, base + "mean");
    const nlohmann::json* half = metrics::figure_value(summary, base + "half_width");
    if (mean == nullptr || half == nullptr) return false;
    row.value.mean = mean->get<double>();
    row.value.half_width = half->get<double>();
    row.value.low = row.value.mean - row.value.half_width;
    row.value.high = row.value.mean + row.value.half_width;
    const nlohmann::json* ss = &summary.at("steady_state").at(std::string(f.name));
    row.correlated = ss->contains("correlated") && (*ss)["correlated"].is_boolean() &&
                     (*ss)["correlated"].get<bool>();
    row.interval = IntervalSource::batch_means;
    return true;
  }
  return false;
}

}  // namespace

std::size_t Comparison::runs(const std::string& pattern) const {
  auto it = summaries_.find(pattern);
  return it == summaries_.end() ? 0 : it->second.size();
}

std::vector<ComparisonRow> Comparison::rows() const {
  std::vector<ComparisonRow> out;
  for (const std::string& pattern : patterns_) {
    auto runs = summaries_.find(pattern);
    for (const ComparisonFigure& figure : figures()) {
      std::vector<double> values;
      ComparisonRow row{pattern, &figure, {}};
      row.has_samples = !figure.figure->samples.empty();
      if (runs != summaries_.end()) {
        for (const auto& [seed, summary] : runs->second) {
          if (const nlohmann::json* v = metrics::figure_value(summary, figure.key))
            values.push_back(v->get<double>());
          if (const nlohmann::json* n = metrics::sample_count(summary, figure.key)) {
            const auto count = n->get<std::uint64_t>();
            row.samples += count;
            row.max_run_samples = std::max(row.max_run_samples, count);
          }
        }
      }
      row.value = metrics::mean_interval(values);
      if (row.value.n >= 2) {
        row.interval = IntervalSource::seeds;
      } else if (row.value.n == 1 && figure.group_kind.empty()) {
        batch_means_interval(runs->second.begin()->second, figure.key, row);
      }
      out.push_back(row);
    }
  }
  return out;
}

std::string comparison_csv(const std::vector<ComparisonRow>& rows) {
  std::string out =
      "pattern,figure,unit,better,n,samples,mean,ci95_low,ci95_high,half_width,stdev,interval\n";
  for (const ComparisonRow& r : rows) {
    metrics::append_csv_field(out, r.pattern);
    out += ',';
    metrics::append_csv_field(out, r.figure->key);
    out += ',';
    metrics::append_csv_field(out, r.figure->figure->unit);
    out += ',';
    out += metrics::to_string(r.figure->figure->better);
    out += ',';
    out += std::to_string(r.value.n);
    out += ',';
    if (r.has_samples) out += std::to_string(r.samples);
    for (double v : {r.value.mean, r.value.low, r.value.high, r.value.half_width, r.value.stdev}) {
      out += ',';
      metrics::append_double(out, v);
    }
    out += ',';
    out += to_string(r.interval);
    out += '\n';
  }
  return out;
}

void write_comparison_csv(const std::filesystem::path& path,
                          const std::vector<ComparisonRow>& rows) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << comparison_csv(rows);
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

namespace {

// Values shown in the unit people read: fractions as percentages, bytes as kB.
std::string format_value(double v, std::string_view unit) {
  if (std::isnan(v)) return "–";
  char buf[48];
  if (unit == "fraction") {
    std::snprintf(buf, sizeof buf, "%.3f%%", v * 100);
  } else if (unit == "B/s") {
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  } else if (std::fabs(v) >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", v);
  }
  return buf;
}

std::string cell(const ComparisonRow& row, std::string_view unit) {
  const metrics::MeanInterval& m = row.value;
  if (m.n == 0 && row.has_samples && row.max_run_samples > 0) {
    const std::uint64_t least = metrics::min_samples(row.figure->figure->quantile);
    if (row.max_run_samples < least)
      return "n=" + std::to_string(row.max_run_samples) + " < " + std::to_string(least);
  }
  if (m.n == 0) return "–";
  std::string s = format_value(m.mean, unit);
  if (!std::isnan(m.half_width)) {
    std::string hw = format_value(m.half_width, unit);
    if (unit == "fraction" && hw.back() == '%') hw.pop_back();
    s += " ± " + hw;
    if (row.interval == IntervalSource::batch_means) s += row.correlated ? " ᵇ!" : " ᵇ";
  }
  return s;
}

std::string unit_label(std::string_view unit) {
  if (unit == "fraction") return "%";
  if (unit == "B/s") return "kB/s";
  return std::string(unit);
}

// Display width of UTF-8 text: one per code point.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void pad(std::ostringstream& out, const std::string& s, std::size_t w, bool right) {
  const std::size_t n = width(s);
  if (right)
    out << std::string(w > n ? w - n : 0, ' ') << s;
  else
    out << s << std::string(w > n ? w - n : 0, ' ');
}

}  // namespace

std::string comparison_table(const Comparison& comparison) {
  const auto rows = comparison.rows();
  const auto& patterns = comparison.patterns();
  std::vector<std::vector<std::string>> grid;  // header + one per figure
  std::vector<std::string> header{"figure"};
  for (const auto& p : patterns)
    header.push_back(p + " (n=" + std::to_string(comparison.runs(p)) + ")");
  grid.push_back(header);
  const auto& figures = comparison.figures();
  for (std::size_t f = 0; f < figures.size(); ++f) {
    if (!figures[f].in_table) continue;
    const std::string_view unit = figures[f].figure->unit;
    std::vector<std::string> line{figures[f].label + " [" + unit_label(unit) + "]"};
    for (std::size_t p = 0; p < patterns.size(); ++p)
      line.push_back(cell(rows[p * figures.size() + f], unit));
    grid.push_back(line);
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : grid)
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], width(line[c]));
  std::ostringstream out;
  for (std::size_t r = 0; r < grid.size(); ++r) {
    for (std::size_t c = 0; c < grid[r].size(); ++c) {
      if (c > 0) out << "  ";
      pad(out, grid[r][c], widths[c], c > 0);
    }
    out << "\n";
  }
  out << "(mean ± half-width of the 95% Student-t interval across seeds; n = runs per pattern;\n"
         " n=k < m: a percentile no run had the m samples it needs, k the most of one run";
  bool batch_means = false;
  for (const ComparisonRow& r : rows) batch_means |= r.interval == IntervalSource::batch_means;
  if (batch_means)
    out << ";\n ᵇ: one run, the 95% batch-means interval within it; ᵇ!: its batches are "
           "correlated, the interval is too narrow";
  out << ")\n";
  return out.str();
}

}  // namespace discolab::compare

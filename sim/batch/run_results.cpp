#include "sim/batch/run_results.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/metrics/figures.h"
#include "sim/scenario/units.h"

namespace discolab::batch {
namespace {

void collect(const nlohmann::json& node, const std::string& key,
             std::vector<std::pair<std::string, std::optional<double>>>& out) {
  if (node.is_object()) {
    for (const auto& [name, child] : node.items())
      collect(child, key.empty() ? name : key + "." + name, out);
    return;
  }
  if (!node.is_number() && !node.is_null()) return;
  const metrics::DeclaredFigure* declared = metrics::find_figure(key);
  // The run's identity (pattern, seed, engine …) is its runs row, not a figure.
  if (declared == nullptr || declared->scope->block == &metrics::kIdentityBlock) return;
  out.emplace_back(key,
                   node.is_number() ? std::optional<double>(node.get<double>()) : std::nullopt);
}

// One CSV record's fields (RFC 4180 quotes; no newlines inside fields in these files).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<std::pair<std::string, std::optional<double>>> summary_figures(
    const nlohmann::json& summary) {
  std::vector<std::pair<std::string, std::optional<double>>> out;
  collect(summary, "", out);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<RunRecord::Sample> read_timeseries_csv(const std::filesystem::path& file) {
  std::istringstream in(read_text(file));
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(file.string() + ": no header");
  const auto header = csv_fields(line);
  if (header.empty() || header.front() != "t_s")
    throw std::runtime_error(file.string() + ": the first column is not t_s");
  std::vector<RunRecord::Sample> out;
  for (int row = 2; std::getline(in, line); ++row) {
    if (line.empty()) continue;
    const auto fields = csv_fields(line);
    const auto t = try_parse_number(fields.front());
    if (fields.size() != header.size() || !t)
      throw std::runtime_error(file.string() + ":" + std::to_string(row) + ": malformed row");
    for (std::size_t c = 1; c < fields.size(); ++c) {
      std::optional<double> value;
      if (!fields[c].empty()) {
        value = try_parse_number(fields[c]);
        if (!value)
          throw std::runtime_error(file.string() + ":" + std::to_string(row) + ": \"" + fields[c] +
                                   "\" in " + header[c] + " is not a number");
      }
      out.push_back({*t, header[c], value});
    }
  }
  return out;
}

void read_run_folder(const std::filesystem::path& folder, RunRecord& run) {
  const auto summary = nlohmann::json::parse(read_text(folder / "summary.json"));
  run.figures = summary_figures(summary);
  if (const auto* wall = metrics::figure_value(summary, "perf.wall_s")) {
    run.wall_s = wall->get<double>();
  }
  run.timeseries = read_timeseries_csv(folder / "timeseries.csv");
}

}  // namespace discolab::batch

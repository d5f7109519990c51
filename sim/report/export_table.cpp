#include "sim/report/export_table.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sim/metrics/csv_format.h"

namespace discolab::report {
namespace {

constexpr const char* kRunColumns[] = {"run_key", "point", "pattern", "seed", "engine", "status"};

std::vector<std::string> run_columns(const ResultsStore& store,
                                     const std::vector<std::string>& after) {
  std::vector<std::string> columns(std::begin(kRunColumns), std::end(kRunColumns));
  for (const std::string& p : store.param_names) {
    const bool taken = std::find(columns.begin(), columns.end(), p) != columns.end() ||
                       std::find(after.begin(), after.end(), p) != after.end();
    columns.push_back(taken ? "param." + p : p);
  }
  columns.insert(columns.end(), after.begin(), after.end());
  return columns;
}

std::vector<Cell> run_cells(const ResultsStore& store, const StoredRun& run) {
  std::vector<Cell> cells{run.run_key, run.point, run.pattern, run.seed, run.engine, run.status};
  for (const std::string& p : store.param_names) {
    auto it = run.params.find(p);
    if (it == run.params.end())
      cells.emplace_back();
    else if (it->second.num)
      cells.emplace_back(*it->second.num);
    else
      cells.emplace_back(it->second.text);
  }
  return cells;
}

Cell value_cell(const std::optional<double>& v) { return v ? Cell(*v) : Cell(); }

}  // namespace

ExportTable tidy_table(const ResultsStore& store) {
  ExportTable t{run_columns(store, {"figure", "value"}), {}};
  for (const StoredRun& run : store.runs) {
    const std::vector<Cell> cells = run_cells(store, run);
    if (run.figures.empty()) {
      t.rows.push_back(cells);
      t.rows.back().resize(t.columns.size());
      continue;
    }
    for (const auto& [figure, value] : run.figures) {
      t.rows.push_back(cells);
      t.rows.back().emplace_back(figure);
      t.rows.back().push_back(value_cell(value));
    }
  }
  return t;
}

ExportTable wide_table(const ResultsStore& store) {
  ExportTable t{run_columns(store, store.figure_keys), {}};
  for (const StoredRun& run : store.runs) {
    std::vector<Cell> cells = run_cells(store, run);
    for (const std::string& key : store.figure_keys) {
      auto it = run.figures.find(key);
      cells.push_back(it == run.figures.end() ? Cell() : value_cell(it->second));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

std::string to_csv(const ExportTable& table) {
  std::string out;
  auto line = [&](const auto& fields, auto&& append) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      append(fields[i]);
    }
    out += '\n';
  };
  line(table.columns, [&](const std::string& c) { metrics::append_csv_field(out, c); });
  for (const auto& row : table.rows) {
    line(row, [&](const Cell& c) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
              metrics::append_csv_field(out, v);
            else if constexpr (std::is_same_v<T, double>)
              metrics::append_double(out, v);
            else if constexpr (!std::is_same_v<T, std::monostate>)
              out += std::to_string(v);
          },
          c);
    });
  }
  return out;
}

std::string to_jsonl(const ExportTable& table) {
  std::string out;
  for (const auto& row : table.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
              object[table.columns[i]] = nullptr;
            else
              object[table.columns[i]] = v;
          },
          row[i]);
    }
    out += object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

}  // namespace discolab::report

// `discolab export`: a results store as one table, in tidy or wide form, written as CSV
// (RFC 4180) or JSON lines (docs/batch-report.md lists the columns).
//
// Tidy (default): one row per run × figure, with the run's identity (run_key, point, pattern,
// seed, engine, status), one column per swept parameter (its number when numeric, else its
// text) and the columns figure, value (empty / null when undefined). A failed run has no
// figures: it gives one row with status "failed" and an empty figure and value, so failures
// stay visible (filter on status == "ok" to drop them).
// Wide: one row per run and one column per figure (every figure of any run, sorted).
//
// A parameter whose name is one of the fixed columns is exported as "param.<name>".
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/report/results_store.h"

namespace discolab::report {

// A cell: empty (undefined), an integer, a seed, a real number or text.
using Cell = std::variant<std::monostate, std::int64_t, std::uint64_t, double, std::string>;

struct ExportTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

ExportTable tidy_table(const ResultsStore& store);
ExportTable wide_table(const ResultsStore& store);

// A header line, then one line per row; numbers in shortest round-trip form, empty cells empty.
std::string to_csv(const ExportTable& table);
// One JSON object per row, keys in column order; empty cells null.
std::string to_jsonl(const ExportTable& table);

}  // namespace discolab::report

// `discolab report`: a folder with report.md, report.html (self-contained), tables.csv (every
// table's numbers at full precision) and plots/<figure>-vs-<param>[--<panel>].{png,svg} (with
// the gnuplot script and data of each plot), from a results store. docs/batch-report.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace discolab::report {

struct ReportRequest {
  std::filesystem::path store;                   // results.sqlite, or the batch folder holding it
  std::filesystem::path out;                     // empty: <the store's folder>/report
  std::vector<std::string> figures;              // empty: the figures `compare` reports
  std::optional<std::filesystem::path> gnuplot;  // unset: tables only, and the report says so
};

struct ReportResult {
  std::filesystem::path folder;
  std::size_t tables = 0;
  std::size_t plots = 0;
  std::vector<std::string> notes;  // figures left out, plots not drawn
};

// Throws std::invalid_argument for bad input (store, --out, --figures), std::runtime_error
// when gnuplot fails.
ReportResult write_report(const ReportRequest& request);

}  // namespace discolab::report

// The `discolab report` command: tables, plots, report.md and report.html from a batch's
// results store (sim/report/report_writer.h; docs/batch-report.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace discolab {

struct ReportOptions {
  std::string store;
  std::string out;                   // empty: <the store's folder>/report
  std::vector<std::string> figures;  // empty: the figures `compare` reports
};

CLI::App* add_report_command(CLI::App& app, ReportOptions& options);
// Returns the exit code: 0, 2 bad input, 1 when gnuplot fails.
int run_report_command(const ReportOptions& options);

}  // namespace discolab

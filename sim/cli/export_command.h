// The `discolab export` command: a batch's results store as CSV or JSON lines, tidy or wide
// (sim/report/export_table.h; columns in docs/batch-report.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace discolab {

struct ExportOptions {
  std::string store;
  std::string format = "csv";
  bool wide = false;
  std::string out;  // empty: stdout
};

CLI::App* add_export_command(CLI::App& app, ExportOptions& options);
// Returns the exit code: 0, or 2 (bad input: no store, not a store, another schema version).
int run_export_command(const ExportOptions& options);

}  // namespace discolab

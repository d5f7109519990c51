#include "sim/cli/export_command.h"

#include <fstream>
#include <iostream>
#include <stdexcept>

#include "sim/cli/cli.h"
#include "sim/report/export_table.h"
#include "sim/report/results_store.h"

namespace discolab {

CLI::App* add_export_command(CLI::App& app, ExportOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a batch's results store as CSV or JSON lines, for pandas and R");
  cmd->add_option("store", o.store, "The batch's results.sqlite (or its folder)")
      ->required()
      ->type_name("DB");
  cmd->add_option("--format", o.format, "csv (RFC 4180, with a header line) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_flag("--wide", o.wide,
                "One row per run and a column per figure (default: tidy, a row per run × figure)");
  cmd->add_option("-o,--output", o.out, "Write to FILE (default: standard output)")
      ->type_name("FILE");
  return cmd;
}

int run_export_command(const ExportOptions& o) {
  const report::ResultsStore store = report::load_results_store(o.store);
  const report::ExportTable table = o.wide ? report::wide_table(store) : report::tidy_table(store);
  const std::string text = o.format == "jsonl" ? report::to_jsonl(table) : report::to_csv(table);
  if (o.out.empty()) {
    std::cout << text << std::flush;
    return kExitOk;
  }
  std::ofstream file(o.out, std::ios::binary);
  file << text;
  file.close();
  if (!file) throw std::invalid_argument("-o " + o.out + ": cannot write the file");
  return kExitOk;
}

}  // namespace discolab

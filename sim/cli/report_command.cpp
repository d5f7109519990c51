#include "sim/cli/report_command.h"

#include <iostream>

#include "sim/cli/cli.h"
#include "sim/report/gnuplot_plots.h"
#include "sim/report/report_writer.h"

namespace discolab {

CLI::App* add_report_command(CLI::App& app, ReportOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write a batch's report: tables of means and 95% intervals, plots (gnuplot), Markdown and "
      "HTML");
  cmd->add_option("store", o.store, "The batch's results.sqlite (or its folder)")
      ->required()
      ->type_name("DB");
  cmd->add_option("--out", o.out, "Report folder (default: the store's folder + /report)")
      ->type_name("DIR");
  cmd->add_option("--figures", o.figures,
                  "Figures to report, comma-separated keys as `discolab figures` lists them "
                  "(default: those `compare` reports)")
      ->type_name("KEY,…")
      ->delimiter(',');
  return cmd;
}

int run_report_command(const ReportOptions& o) {
  report::ReportRequest req;
  req.store = o.store;
  req.out = o.out;
  req.figures = o.figures;
  req.gnuplot = report::find_gnuplot();
  const report::ReportResult r = report::write_report(req);
  for (const std::string& note : r.notes) std::cerr << "discolab: report: " << note << "\n";
  std::cout << "report: " << r.folder.string() << " (report.md, report.html, tables.csv; "
            << r.tables << (r.tables == 1 ? " table, " : " tables, ") << r.plots
            << (r.plots == 1 ? " plot" : " plots") << (req.gnuplot ? "" : ": gnuplot not found")
            << ")\n";
  return kExitOk;
}

}  // namespace discolab

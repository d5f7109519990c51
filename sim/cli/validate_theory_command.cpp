#include "sim/cli/validate_theory_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "sim/cli/cli.h"
#include "sim/run/interrupt.h"
#include "sim/validation/validation_run.h"
#include "sim/version.h"

namespace discolab {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::invalid_argument("validate-theory: cannot read " + path +
                                " (run it from the discolab source folder)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

CLI::App* add_validate_theory_command(CLI::App& app, ValidateTheoryOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "validate-theory",
      "Check the simulator against theory (M/M/1, the supermarket model, JSQ, Erlang C, stale "
      "DNS answers, lease removal delays): run every case and write docs/validation.md; run it "
      "from the source folder");
  cmd->add_option("--out", o.out, "The report to write (default docs/validation.md)")
      ->type_name("FILE");
  cmd->add_option("--template", o.templ,
                  "Its hand-written text, with a {{results}} line (default "
                  "docs/validation.md.in)")
      ->type_name("FILE");
  cmd->add_option("--results", o.results,
                  "Folder for the runs (default results/validate-theory; replaced each time)")
      ->type_name("DIR");
  cmd->add_option("-j,--jobs", o.jobs, "Runs in parallel (default: the number of cores)");
  cmd->add_flag("--quick", o.quick,
                "A smoke test: only the quick cases, with fewer seeds (the report says so)");
  return cmd;
}

int run_validate_theory_command(const ValidateTheoryOptions& o) {
  const std::string templ = read_file(o.templ);
  validation::SuiteRequest req;
  std::error_code ec;
  req.program = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (ec) throw std::runtime_error("validate-theory: cannot find the discolab executable");
  req.root = ".";
  req.results = o.results;
  req.parallel = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  req.quick = o.quick;
  const std::vector<validation::ValidationCase> cases = validation::validation_cases();
  InterruptWatch interrupts;
  const auto started = std::chrono::steady_clock::now();
  const validation::SuiteResult result = validation::run_suite(
      req, cases,
      [tty = isatty(STDERR_FILENO) != 0](std::size_t done, std::size_t total) {
        if (!tty) return;
        std::fprintf(stderr, "\rvalidate-theory: %zu/%zu runs done ", done, total);
        if (done == total) std::fputc('\n', stderr);
        std::fflush(stderr);
      },
      [] { return InterruptWatch::pending(); });
  if (result.interrupted) {
    std::cerr << "discolab: validate-theory interrupted; wrote nothing\n";
    return 128 + result.signal;
  }
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count();
  const std::string table = validation::results_table(result);
  const std::string took = std::to_string(seconds / 60) + " min " + std::to_string(seconds % 60) +
                           " s of wall time, " + std::to_string(req.parallel) + " runs in parallel";
  std::string results = table + "\nPrinted by `discolab validate-theory" +
                        (o.quick ? std::string(" --quick") : std::string()) + "` (discolab " +
                        std::string(kVersion) + ", fast engine) in " + took + ".\n";
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  out << validation::fill_template(templ, results);
  if (!out.flush()) throw std::runtime_error("validate-theory: cannot write " + o.out);
  std::cout << table;
  for (const validation::RowResult& r : result.rows)
    for (const std::string& f : r.failures)
      std::cerr << "discolab: " << r.name << ": " << f << "\n";
  std::size_t failed = 0;
  for (const validation::RowResult& r : result.rows) failed += r.pass ? 0 : 1;
  std::cout << result.rows.size() - failed << " of " << result.rows.size() << " rows pass in "
            << took << "; wrote " << o.out << "\n";
  return result.all_pass() ? kExitOk : kExitFailure;
}

}  // namespace discolab

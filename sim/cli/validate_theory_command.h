// The `discolab validate-theory` command: runs the validation cases (sim/validation/) and
// writes docs/validation.md from its template.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace discolab {

struct ValidateTheoryOptions {
  std::string out = "docs/validation.md";
  std::string templ = "docs/validation.md.in";
  std::string results = "results/validate-theory";
  unsigned jobs = 0;  // 0: the number of cores
  bool quick = false;
};

CLI::App* add_validate_theory_command(CLI::App& app, ValidateTheoryOptions& options);
// 0 when every row passes, 1 when one fails or a run fails, 2 bad input, 130/143 on a signal.
int run_validate_theory_command(const ValidateTheoryOptions& options);

}  // namespace discolab

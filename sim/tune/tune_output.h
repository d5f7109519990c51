// What a tune leaves in its folder beside results.sqlite (docs/tune.md, "The out folder"):
//   answer.md       the answer as printed: best setting per pattern with 95% intervals, the
//                   binding constraint, or which SLO fails by how much; the ranking
//   candidates.csv  every candidate: its setting, seeds, objective and SLO figures (mean and
//                   95% interval), whether it meets the SLOs
//   pareto.csv      the Pareto front per pattern; plots/pareto.{png,svg,gp,dat} (gnuplot)
//   tune.yaml       the search asked for (the store's sweep text)
//   tune.json       what produced the folder (command, scenario and its SHA-256, discolab
//                   version, engine), the runs spent, and the answer in machine form
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "sim/tune/candidate_runs.h"
#include "sim/tune/tune_spec.h"
#include "sim/tune/verdict.h"

namespace discolab::tune {

// The answer, as printed on stdout and written to answer.md.
std::string answer_text(const TuneSpec& spec, const CandidateRuns& runs, const Verdict& verdict);

struct OutputRequest {
  std::filesystem::path out;
  std::string command;
  std::optional<std::filesystem::path> gnuplot;  // none: no plot (a note says so)
};

// Writes the files above; returns notes for stderr (e.g. gnuplot missing or failing).
std::vector<std::string> write_outputs(const OutputRequest& request, const TuneSpec& spec,
                                       const CandidateRuns& runs, const Verdict& verdict);

}  // namespace discolab::tune

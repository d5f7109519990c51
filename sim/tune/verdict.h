// The answer of a tune, per pattern (docs/tune.md, "Reading the answer"):
// - the best setting: the candidate whose means meet every SLO with the best objective mean
//   (ties: more seeds), with its figures' 95% intervals, whether every interval meets its SLO
//   (confident), and the binding constraint: the SLO that the next cheaper candidate of the
//   pattern misses most (relative to its bound) — what stops the objective going further;
//   none when no cheaper candidate was tried (then a range end or the objective itself stops
//   it);
// - when no candidate meets the SLOs: the closest point (the least summed relative violation)
//   and, for each SLO it fails, by how much;
// - the Pareto front of the objective against the first SLO's figure.
// Patterns are ranked by the cost of meeting the SLO: those that meet it by their best
// objective, then the others by how far their closest point misses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/tune/candidate_runs.h"
#include "sim/tune/judgement.h"
#include "sim/tune/tune_spec.h"

namespace discolab::tune {

struct PatternVerdict {
  std::string pattern;
  std::optional<std::size_t> best;          // a candidate meeting every SLO (by its means)
  std::optional<std::size_t> closest;       // without one: the least violation
  Judgement judgement;                      // of best, or of closest
  std::optional<std::size_t> binding;       // the SLO that stops a cheaper setting
  std::optional<std::size_t> next_cheaper;  // the candidate that misses it
  std::vector<std::string> at_edge;         // varies whose best value is an end of their range
  std::vector<std::size_t> pareto;          // candidates on the front, by the SLO figure
  std::size_t candidates = 0, runs = 0;
};

struct Verdict {
  std::vector<PatternVerdict> patterns;  // ranked
};

Verdict make_verdict(const TuneSpec& spec, const CandidateRuns& runs);

// " s", " ms"; "" for a fraction or a count.
std::string unit_text(const std::string& unit);

// The statement for one SLO at a judged candidate: "staleness.propagation_p99_s = 14.2 s
// [12.1, 16.3], 4.2 s (42%) above its bound 10 s".
std::string slo_statement(const Slo& slo, const metrics::MeanInterval& m);

}  // namespace discolab::tune

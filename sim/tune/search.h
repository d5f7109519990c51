// The search of `discolab tune` (docs/tune.md, "How it searches"), within spec.budget runs:
//
// 1. Screen: every arm (a pattern × one choice of every discrete vary) at a few points of the
//    continuous box (evenly spaced in one dimension, a Halton set around the centre in more),
//    each on spec.seeds common seeds — one parallel batch.
// 2. Optimise: NLopt's COBYLA per arm over the continuous varies scaled to [0, 1] (log or
//    linear), from the arm's best screened point, minimising the objective subject to one
//    inequality constraint per SLO (the relative violation of the mean, ≤ 0). The arms'
//    optimisers run in lockstep threads: each step evaluates every arm's next point in one
//    parallel batch. Evaluations are on the same common seeds, so the function COBYLA sees is
//    deterministic (and a rerun retraces it, reading the stored runs).
// 3. Refine: per arm, bisect the segment from the best candidate meeting the SLOs to the
//    nearest one with a better objective that misses them — where an SLO binds, the optimum
//    lies on that boundary, which COBYLA approaches but need not land on.
// 4. Race: candidates whose standing is unsure — an SLO interval holding its bound, or an
//    objective interval overlapping the arm's best — get their seeds doubled (up to
//    spec.max_seeds), at most four per arm per round, best first; clearly worse or clearly
//    infeasible ones get no more. Until nothing is unsure or the budget is spent.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/tune/candidate_runs.h"
#include "sim/tune/tune_spec.h"

namespace discolab::tune {

struct Arm {
  std::string pattern;
  std::vector<std::string> choices;  // per discrete vary, in spec order
  std::string label() const;         // "dns" or "dns, policy=random"
};

std::vector<Arm> arms_of(const TuneSpec& spec);

// The fewest runs a search needs: a screen of every arm.
std::size_t minimum_budget(const TuneSpec& spec);

// `note` gets a line per stage for stderr. Throws TuneInterrupted, ScenarioError.
void search(const TuneSpec& spec, CandidateRuns& runs,
            const std::function<void(const std::string&)>& note);

}  // namespace discolab::tune

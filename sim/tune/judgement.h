// A candidate judged from its runs: the objective and every SLO figure as a mean with a 95%
// Student-t interval across seeds (sim/metrics/confidence.h), and whether it meets the SLOs.
//
// `feasible` reads the means (the best estimate; what the search ranks by); `confident` asks
// every SLO's 95% interval to lie on the right side of its bound; an SLO whose interval holds
// its bound is `unsure` — the candidates the racing gives more seeds (search.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/metrics/confidence.h"
#include "sim/tune/candidate_runs.h"
#include "sim/tune/tune_spec.h"

namespace discolab::tune {

struct Judgement {
  metrics::MeanInterval objective;
  std::vector<metrics::MeanInterval> slo;  // per spec.slos
  std::vector<double> violation;           // per SLO, of the mean, relative (≤ 0: met)
  double total_violation = 0.0;            // sum of the positive violations
  bool feasible = false;
  bool confident = false;
  bool unsure = false;  // some SLO's interval holds its bound (or n < 2)
  // The objective's mean, low and high turned so that lower is better (−x when maximizing);
  // +inf when undefined.
  double score = 0.0, score_low = 0.0, score_high = 0.0;
};

Judgement judge(const TuneSpec& spec, const Candidate& candidate);

// Whether a's objective is clearly better than b's: a's interval lies wholly below b's.
bool clearly_better(const Judgement& a, const Judgement& b);

// "patterns.dns.dns.server.ttl=3.436s, …"
std::string setting_text(const TuneSpec& spec, const Candidate& candidate);

}  // namespace discolab::tune

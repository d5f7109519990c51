#include "sim/tune/judgement.h"

#include <cmath>
#include <limits>

namespace discolab::tune {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

metrics::MeanInterval interval_of(const Candidate& c, const std::string& figure) {
  std::vector<double> defined;
  if (const auto it = c.samples.find(figure); it != c.samples.end())
    for (double v : it->second)
      if (!std::isnan(v)) defined.push_back(v);
  return metrics::mean_interval(defined);
}

}  // namespace

Judgement judge(const TuneSpec& spec, const Candidate& candidate) {
  Judgement j;
  j.objective = interval_of(candidate, spec.objective.figure);
  const double sign = spec.objective.maximize ? -1.0 : 1.0;
  if (j.objective.n == 0 || std::isnan(j.objective.mean)) {
    j.score = j.score_low = j.score_high = kInf;
  } else {
    j.score = sign * j.objective.mean;
    const bool spread = j.objective.n >= 2 && !std::isnan(j.objective.half_width);
    j.score_low = spread ? j.score - j.objective.half_width : -kInf;
    j.score_high = spread ? j.score + j.objective.half_width : kInf;
  }
  j.feasible = true;
  j.confident = true;
  for (const Slo& slo : spec.slos) {
    const metrics::MeanInterval m = interval_of(candidate, slo.figure);
    j.slo.push_back(m);
    const double v = slo.violation(m.n == 0 ? std::nan("") : m.mean);
    j.violation.push_back(v);
    if (v > 0) {
      j.feasible = false;
      j.total_violation += v;
    }
    const bool spread = m.n >= 2 && !std::isnan(m.half_width);
    // The interval's far side from the bound: is it met too?
    const double worst = !spread ? std::nan("") : slo.bound == Bound::at_most ? m.high : m.low;
    const double best = !spread ? std::nan("") : slo.bound == Bound::at_most ? m.low : m.high;
    const bool worst_met = spread && slo.violation(worst) <= 0;
    const bool best_met = spread && slo.violation(best) <= 0;
    if (!worst_met) j.confident = false;
    if (!spread || worst_met != best_met) j.unsure = true;
  }
  return j;
}

bool clearly_better(const Judgement& a, const Judgement& b) { return a.score_high < b.score_low; }

std::string setting_text(const TuneSpec& spec, const Candidate& candidate) {
  std::string out;
  for (std::size_t k = 0; k < spec.varies.size(); ++k)
    out += (out.empty() ? "" : ", ") + spec.varies[k].key_for(candidate.pattern) + "=" +
           candidate.values[k];
  return out;
}

}  // namespace discolab::tune

#include "sim/tune/verdict.h"

#include <algorithm>
#include <cmath>

#include "sim/metrics/csv_format.h"

namespace discolab::tune {
namespace {

std::string num(double v) { return std::isnan(v) ? "undefined" : metrics::table_number(v); }

bool ranks_before(const Judgement& a, std::size_t seeds_a, const Judgement& b,
                  std::size_t seeds_b) {
  if (a.feasible != b.feasible) return a.feasible;
  if (!a.feasible) return a.total_violation < b.total_violation;
  if (a.score != b.score) return a.score < b.score;
  return seeds_a > seeds_b;
}

// Candidates of `pattern` not dominated in (first SLO figure, objective), by the SLO figure.
std::vector<std::size_t> pareto_front(const TuneSpec& spec, const CandidateRuns& runs,
                                      const std::vector<std::size_t>& mine) {
  if (spec.slos.empty()) return {};
  const Slo& main = spec.slos.front();
  struct P {
    std::size_t i;
    double x, y;  // both lower-is-better
  };
  std::vector<P> points;
  for (std::size_t i : mine) {
    const Judgement j = judge(spec, runs[i]);
    if (j.slo.front().n == 0 || !std::isfinite(j.score)) continue;
    const double x = main.bound == Bound::at_most ? j.slo.front().mean : -j.slo.front().mean;
    points.push_back({i, x, j.score});
  }
  std::vector<std::size_t> front;
  for (const P& p : points) {
    const bool dominated = std::any_of(points.begin(), points.end(), [&](const P& q) {
      return q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y);
    });
    if (!dominated) front.push_back(p.i);
  }
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    const double xa = judge(spec, runs[a]).slo.front().mean;
    const double xb = judge(spec, runs[b]).slo.front().mean;
    return xa != xb ? xa < xb : a < b;
  });
  front.erase(
      std::unique(front.begin(), front.end(),
                  [&](std::size_t a, std::size_t b) { return runs[a].values == runs[b].values; }),
      front.end());
  return front;
}

}  // namespace

std::string unit_text(const std::string& unit) {
  return unit == "fraction" || unit.empty() ? std::string() : " " + unit;
}

std::string slo_statement(const Slo& slo, const metrics::MeanInterval& m) {
  const std::string u = unit_text(slo.unit);
  std::string out = slo.figure + " = " + num(m.mean) + u;
  if (m.n >= 2 && !std::isnan(m.half_width)) out += " [" + num(m.low) + ", " + num(m.high) + "]";
  if (m.n == 0 || std::isnan(m.mean)) return out + ": undefined in every run, so not met";
  const double v = slo.violation(m.mean);
  const double by = std::abs(m.mean - slo.value);
  const char* side = (m.mean > slo.value) ? "above" : "below";
  out += ", " + num(by) + u;
  if (slo.value != 0) out += " (" + num(100.0 * by / std::abs(slo.value)) + "%)";
  out += std::string(" ") + side + " its bound " + num(slo.value) + u;
  out += v > 0 ? ": not met" : ": met";
  return out;
}

Verdict make_verdict(const TuneSpec& spec, const CandidateRuns& runs) {
  Verdict verdict;
  for (const std::string& pattern : spec.patterns) {
    PatternVerdict pv;
    pv.pattern = pattern;
    std::vector<std::size_t> mine;
    for (std::size_t i = 0; i < runs.candidates().size(); ++i)
      if (runs[i].pattern == pattern && runs[i].ok_runs > 0) mine.push_back(i);
    pv.candidates = mine.size();
    for (std::size_t i : mine) pv.runs += runs[i].ok_runs + runs[i].failed_runs;
    std::optional<std::size_t> top;
    Judgement top_j;
    for (std::size_t i : mine) {
      const Judgement j = judge(spec, runs[i]);
      if (!top || ranks_before(j, runs[i].ok_runs, top_j, runs[*top].ok_runs)) {
        top = i;
        top_j = j;
      }
    }
    if (top) {
      pv.judgement = top_j;
      if (top_j.feasible) {
        pv.best = top;
        // The cheapest-but-one: the candidate with the next better objective (all such miss
        // an SLO, or they would be best).
        std::optional<std::size_t> next;
        double next_score = 0;
        for (std::size_t i : mine) {
          const Judgement j = judge(spec, runs[i]);
          if (j.feasible || !(j.score < top_j.score)) continue;
          if (!next || j.score > next_score) {
            next = i;
            next_score = j.score;
          }
        }
        if (next) {
          const Judgement j = judge(spec, runs[*next]);
          for (std::size_t s = 0; s < spec.slos.size(); ++s)
            if (j.violation[s] > 0 && (!pv.binding || j.violation[s] > j.violation[*pv.binding]))
              pv.binding = s;
          pv.next_cheaper = next;
        }
        std::size_t ci = 0;
        for (const Vary& v : spec.varies) {
          if (v.discrete()) continue;
          const double u = runs[*top].u[ci++];
          if (v.value_at(u) == v.value_at(0.0) || v.value_at(u) == v.value_at(1.0))
            pv.at_edge.push_back(v.key);
        }
      } else {
        pv.closest = top;
      }
    }
    pv.pareto = pareto_front(spec, runs, mine);
    verdict.patterns.push_back(std::move(pv));
  }
  std::stable_sort(verdict.patterns.begin(), verdict.patterns.end(),
                   [](const PatternVerdict& a, const PatternVerdict& b) {
                     const bool ha = a.best || a.closest, hb = b.best || b.closest;
                     if (ha != hb) return ha;
                     return ranks_before(a.judgement, 0, b.judgement, 0);
                   });
  return verdict;
}

}  // namespace discolab::tune

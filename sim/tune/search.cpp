#include "sim/tune/search.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <nlopt.hpp>
#include <optional>
#include <stdexcept>
#include <thread>

#include "sim/tune/judgement.h"

namespace discolab::tune {
namespace {

// Racing: seeds added to at most this many candidates of an arm per round.
constexpr std::size_t kRacedPerArm = 4;
// COBYLA stops when a step moves every coordinate by less than this (of the [0, 1] range);
// the values are rounded to 4 significant digits anyway.
constexpr double kXtol = 1e-3;
// What COBYLA sees for an undefined objective (the objective is scaled to about 1).
constexpr double kUndefinedObjective = 1e3;

using Wants = std::vector<std::pair<std::size_t, std::size_t>>;

std::size_t continuous_count(const TuneSpec& spec) {
  return static_cast<std::size_t>(std::count_if(spec.varies.begin(), spec.varies.end(),
                                                [](const Vary& v) { return !v.discrete(); }));
}

std::vector<std::string> values_for(const TuneSpec& spec, const Arm& arm,
                                    const std::vector<double>& u) {
  std::vector<std::string> values;
  std::size_t di = 0, ci = 0;
  for (const Vary& v : spec.varies)
    values.push_back(v.discrete() ? arm.choices[di++] : v.value_at(u[ci++]));
  return values;
}

double halton(std::size_t i, unsigned base) {
  double f = 1.0, r = 0.0;
  for (; i > 0; i /= base) {
    f /= base;
    r += f * static_cast<double>(i % base);
  }
  return r;
}

std::vector<std::vector<double>> screen_points(std::size_t d, std::size_t m) {
  std::vector<std::vector<double>> points;
  if (d == 0) return {{}};
  if (d == 1) {
    for (std::size_t i = 0; i < m; ++i)
      points.push_back({static_cast<double>(i) / static_cast<double>(m - 1)});
    return points;
  }
  static constexpr unsigned kPrimes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
  points.push_back(std::vector<double>(d, 0.5));
  for (std::size_t i = 1; points.size() < m; ++i) {
    std::vector<double> p;
    for (std::size_t k = 0; k < d; ++k) p.push_back(halton(i, kPrimes[k % 10]));
    points.push_back(std::move(p));
  }
  return points;
}

std::size_t screen_size(const TuneSpec& spec, std::size_t arms) {
  const std::size_t d = continuous_count(spec);
  if (d == 0) return 1;
  const std::size_t most = d == 1 ? 7 : 4 * d + 1;
  const std::size_t fit = (spec.budget * 3 / 10) / (arms * spec.seeds);
  return std::clamp<std::size_t>(fit, 2, most);
}

// The better of two judged candidates: feasible first, then the objective (then more seeds);
// among infeasible ones, the smaller violation.
bool better(const Judgement& a, const Candidate& ca, const Judgement& b, const Candidate& cb) {
  if (a.feasible != b.feasible) return a.feasible;
  if (!a.feasible) return a.total_violation < b.total_violation;
  if (a.score != b.score) return a.score < b.score;
  return ca.ok_runs > cb.ok_runs;
}

// ---- COBYLA, one thread per arm, evaluated in lockstep ----------------------------------

struct Slot {
  std::vector<double> u;
  bool waiting = false, answered = false, done = false;
  double f = 0.0;
  std::vector<double> c;
};

struct Lockstep {
  std::mutex m;
  std::condition_variable cv;
  std::vector<Slot> slots;
  bool abort = false;
};

struct WorkerData {
  Lockstep* shared = nullptr;
  std::size_t slot = 0;
  std::map<std::vector<double>, std::pair<double, std::vector<double>>> memo;
  std::size_t constraint = 0;
};

const std::pair<double, std::vector<double>>& evaluate(WorkerData& w, unsigned n, const double* x) {
  std::vector<double> u(x, x + n);
  if (auto it = w.memo.find(u); it != w.memo.end()) return it->second;
  Lockstep& sh = *w.shared;
  std::unique_lock lock(sh.m);
  Slot& slot = sh.slots[w.slot];
  slot.u = u;
  slot.waiting = true;
  slot.answered = false;
  sh.cv.notify_all();
  sh.cv.wait(lock, [&] { return slot.answered || sh.abort; });
  slot.waiting = false;
  if (sh.abort) throw nlopt::forced_stop();
  return w.memo.emplace(u, std::pair{slot.f, slot.c}).first->second;
}

double objective_fn(unsigned n, const double* x, double*, void* data) {
  return evaluate(*static_cast<WorkerData*>(data), n, x).first;
}

struct ConstraintData {
  WorkerData* worker;
  std::size_t index;
};

double constraint_fn(unsigned n, const double* x, double*, void* data) {
  auto* cd = static_cast<ConstraintData*>(data);
  return evaluate(*cd->worker, n, x).second[cd->index];
}

struct ArmStart {
  std::vector<double> u;
  double scale = 1.0;
  std::size_t maxeval = 0;
  double step = 0.25;
};

void optimise(const TuneSpec& spec, CandidateRuns& runs, const std::vector<Arm>& arms,
              const std::vector<ArmStart>& starts,
              const std::function<void(const std::string&)>& note) {
  const std::size_t d = continuous_count(spec);
  Lockstep sh;
  sh.slots.resize(arms.size());
  std::vector<WorkerData> workers(arms.size());
  std::vector<std::vector<ConstraintData>> cdata(arms.size());
  std::vector<std::thread> threads;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    workers[a].shared = &sh;
    workers[a].slot = a;
    for (std::size_t i = 0; i < spec.slos.size(); ++i) cdata[a].push_back({&workers[a], i});
  }
  for (std::size_t a = 0; a < arms.size(); ++a) {
    threads.emplace_back([&, a] {
      try {
        nlopt::opt opt(nlopt::LN_COBYLA, static_cast<unsigned>(d));
        opt.set_lower_bounds(std::vector<double>(d, 0.0));
        opt.set_upper_bounds(std::vector<double>(d, 1.0));
        opt.set_min_objective(objective_fn, &workers[a]);
        for (auto& c : cdata[a]) opt.add_inequality_constraint(constraint_fn, &c, 0.0);
        opt.set_maxeval(static_cast<int>(starts[a].maxeval));
        opt.set_xtol_abs(kXtol);
        opt.set_initial_step(std::vector<double>(d, starts[a].step));
        std::vector<double> x = starts[a].u;
        double f = 0.0;
        opt.optimize(x, f);
      } catch (...) {  // forced stop, round-off limits: what was evaluated stays
      }
      std::lock_guard lock(sh.m);
      sh.slots[a].done = true;
      sh.cv.notify_all();
    });
  }
  auto stop_all = [&] {
    {
      std::lock_guard lock(sh.m);
      sh.abort = true;
    }
    sh.cv.notify_all();
    for (auto& t : threads) t.join();
  };
  try {
    for (std::size_t step = 1;; ++step) {
      std::vector<std::size_t> asking;
      {
        std::unique_lock lock(sh.m);
        sh.cv.wait(lock, [&] {
          return std::all_of(sh.slots.begin(), sh.slots.end(),
                             [](const Slot& s) { return s.done || (s.waiting && !s.answered); });
        });
        for (std::size_t a = 0; a < arms.size(); ++a)
          if (!sh.slots[a].done) asking.push_back(a);
      }
      if (asking.empty()) break;
      Wants wants;
      std::vector<std::size_t> cand(arms.size());
      for (std::size_t a : asking) {
        const std::vector<double>& u = sh.slots[a].u;
        cand[a] = runs.add(arms[a].pattern, values_for(spec, arms[a], u), u, a, "cobyla");
        wants.push_back({cand[a], spec.seeds});
      }
      const std::size_t before = runs.requested();
      runs.ensure(wants);
      if (runs.requested() > before)
        note("cobyla step " + std::to_string(step) + ": " + std::to_string(asking.size()) +
             " arms, " + std::to_string(runs.requested()) + "/" + std::to_string(spec.budget) +
             " runs");
      std::lock_guard lock(sh.m);
      for (std::size_t a : asking) {
        const Judgement j = judge(spec, runs[cand[a]]);
        Slot& s = sh.slots[a];
        s.f = std::isfinite(j.score) ? j.score / starts[a].scale : kUndefinedObjective;
        s.c = j.violation;
        s.answered = true;
      }
      sh.cv.notify_all();
    }
  } catch (...) {
    stop_all();
    throw;
  }
  for (auto& t : threads) t.join();
}

// ---- boundary refinement ----------------------------------------------------------------

// Bisects, per arm, the segment from the best feasible candidate to the nearest infeasible one
// with a better objective: where an SLO binds, the optimum lies on that segment's boundary,
// which COBYLA approaches from either side but need not land on. Arms step in lockstep (one
// parallel batch per step), each until its segment rounds to one value or `steps` are done.
// Returns whether it ran anything.
bool refine(const TuneSpec& spec, CandidateRuns& runs, const std::vector<Arm>& arms,
            std::size_t steps, const std::function<void(const std::string&)>& note) {
  struct Segment {
    std::size_t inside = 0, outside = 0;
    bool open = false;
  };
  std::vector<Segment> seg(arms.size());
  for (std::size_t a = 0; a < arms.size(); ++a) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < runs.candidates().size(); ++i) {
      if (runs[i].arm != a || runs[i].ok_runs == 0) continue;
      const Judgement j = judge(spec, runs[i]);
      if (j.feasible && (!best || better(j, runs[i], judge(spec, runs[*best]), runs[*best])))
        best = i;
    }
    if (!best || runs[*best].u.empty()) continue;
    const Judgement jb = judge(spec, runs[*best]);
    double nearest = 2.0;
    for (std::size_t i = 0; i < runs.candidates().size(); ++i) {
      if (runs[i].arm != a || runs[i].ok_runs == 0) continue;
      const Judgement j = judge(spec, runs[i]);
      if (j.feasible || !(j.score < jb.score)) continue;
      double dist = 0.0;
      for (std::size_t k = 0; k < runs[i].u.size(); ++k)
        dist = std::max(dist, std::abs(runs[i].u[k] - runs[*best].u[k]));
      if (dist < nearest) {
        nearest = dist;
        seg[a] = {*best, i, true};
      }
    }
  }
  for (std::size_t step = 1; step <= steps; ++step) {
    Wants wants;
    std::vector<std::optional<std::size_t>> mid(arms.size());
    for (std::size_t a = 0; a < arms.size(); ++a) {
      if (!seg[a].open) continue;
      std::vector<double> u;
      for (std::size_t k = 0; k < runs[seg[a].inside].u.size(); ++k)
        u.push_back((runs[seg[a].inside].u[k] + runs[seg[a].outside].u[k]) / 2);
      const std::vector<std::string> values = values_for(spec, arms[a], u);
      // Nothing to gain: the segment rounds to its ends, or its ends' objectives cannot be
      // told apart.
      if (values == runs[seg[a].inside].values || values == runs[seg[a].outside].values ||
          !clearly_better(judge(spec, runs[seg[a].outside]), judge(spec, runs[seg[a].inside]))) {
        seg[a].open = false;
        continue;
      }
      mid[a] = runs.add(arms[a].pattern, values, u, a, "refine");
      // On as many common seeds as the end that meets the SLOs, to compare like with like.
      wants.push_back({*mid[a], std::max(spec.seeds, runs[seg[a].inside].seeds)});
    }
    if (wants.empty() || runs.requested() + runs.cost(wants) > spec.budget) return step > 1;
    runs.ensure(wants);
    for (std::size_t a = 0; a < arms.size(); ++a) {
      if (!mid[a]) continue;
      const Judgement j = judge(spec, runs[*mid[a]]);
      const Judgement in = judge(spec, runs[seg[a].inside]);
      if (j.feasible && j.score <= in.score)
        seg[a].inside = *mid[a];
      else if (!j.feasible)
        seg[a].outside = *mid[a];
      else
        seg[a].open = false;  // feasible but costlier: the segment is not monotone
    }
    note("boundary step " + std::to_string(step) + ": " + std::to_string(wants.size()) + " arms, " +
         std::to_string(runs.requested()) + "/" + std::to_string(spec.budget) + " runs");
  }
  return true;
}

// ---- racing -------------------------------------------------------------------------------

// The candidates of one arm that deserve more seeds, best first.
std::vector<std::size_t> contenders(const TuneSpec& spec, const CandidateRuns& runs,
                                    std::size_t arm) {
  std::vector<std::size_t> mine;
  std::map<std::size_t, Judgement> judged;
  for (std::size_t i = 0; i < runs.candidates().size(); ++i)
    if (runs[i].arm == arm && runs[i].ok_runs > 0) {
      mine.push_back(i);
      judged.emplace(i, judge(spec, runs[i]));
    }
  std::sort(mine.begin(), mine.end(), [&](std::size_t a, std::size_t b) {
    return better(judged[a], runs[a], judged[b], runs[b]);
  });
  std::vector<std::size_t> out;
  if (mine.empty()) return out;
  const std::size_t top = mine.front();
  const Judgement& best = judged[top];
  if (!best.feasible) {
    // Nothing meets the SLO: sharpen the two closest points (for the statement of by how
    // much), up to twice the first look's seeds.
    for (std::size_t k = 0; k < std::min<std::size_t>(2, mine.size()); ++k)
      if (runs[mine[k]].seeds < std::min(spec.max_seeds, 2 * spec.seeds)) out.push_back(mine[k]);
    return out;
  }
  for (std::size_t i : mine) {
    if (i == top || runs[i].seeds >= spec.max_seeds) continue;
    const Judgement& j = judged[i];
    const bool clearly_infeasible = !j.feasible && !j.unsure;
    // Could it win? Feasible or maybe feasible, and not clearly worse than the best.
    if (!clearly_infeasible && !clearly_better(best, j)) out.push_back(i);
  }
  // The best, while it is unsure or another could beat it.
  if (runs[top].seeds < spec.max_seeds && (best.unsure || !out.empty()))
    out.insert(out.begin(), top);
  if (out.size() > kRacedPerArm) out.resize(kRacedPerArm);
  return out;
}

// One round: returns whether it ran anything.
bool race_round(const TuneSpec& spec, CandidateRuns& runs, std::size_t arms, std::size_t round,
                const std::function<void(const std::string&)>& note) {
  const std::size_t left = spec.budget - std::min(spec.budget, runs.requested());
  std::vector<std::vector<std::size_t>> per_arm;
  for (std::size_t a = 0; a < arms; ++a) per_arm.push_back(contenders(spec, runs, a));
  // Round robin over the arms, best first, within what is left of the budget.
  Wants wants;
  std::size_t cost = 0;
  for (std::size_t rank = 0; rank < kRacedPerArm; ++rank)
    for (std::size_t a = 0; a < arms; ++a) {
      if (rank >= per_arm[a].size()) continue;
      const std::size_t c = per_arm[a][rank];
      const std::size_t have = runs[c].seeds;
      std::size_t want = std::min(spec.max_seeds, 2 * have);
      want = std::min(want, have + (left - cost));
      if (want <= have) continue;
      wants.push_back({c, want});
      cost += want - have;
    }
  if (wants.empty()) return false;
  runs.ensure(wants);
  note("racing round " + std::to_string(round) + ": " + std::to_string(wants.size()) +
       " candidates, " + std::to_string(runs.requested()) + "/" + std::to_string(spec.budget) +
       " runs");
  return true;
}

}  // namespace

std::string Arm::label() const {
  std::string out = pattern;
  for (const std::string& c : choices) out += ", " + c;
  return out;
}

std::vector<Arm> arms_of(const TuneSpec& spec) {
  std::vector<std::vector<std::string>> combos{{}};
  for (const Vary& v : spec.varies) {
    if (!v.discrete()) continue;
    std::vector<std::vector<std::string>> next;
    for (const auto& combo : combos)
      for (const std::string& choice : v.choices) {
        next.push_back(combo);
        next.back().push_back(choice);
      }
    combos = std::move(next);
  }
  std::vector<Arm> arms;
  for (const std::string& p : spec.patterns)
    for (const auto& combo : combos) arms.push_back({p, combo});
  return arms;
}

std::size_t minimum_budget(const TuneSpec& spec) {
  return arms_of(spec).size() * spec.seeds * (continuous_count(spec) == 0 ? 1 : 2);
}

void search(const TuneSpec& spec, CandidateRuns& runs,
            const std::function<void(const std::string&)>& note) {
  const std::vector<Arm> arms = arms_of(spec);
  if (spec.budget < minimum_budget(spec))
    throw std::invalid_argument("--budget " + std::to_string(spec.budget) + " is too small: " +
                                std::to_string(arms.size()) + " arms (patterns × discrete " +
                                "choices) × " + std::to_string(spec.seeds) +
                                " seeds need at least " + std::to_string(minimum_budget(spec)));
  const std::size_t d = continuous_count(spec);
  const std::size_t m = screen_size(spec, arms.size());

  // 1. Screen.
  Wants wants;
  for (std::size_t a = 0; a < arms.size(); ++a)
    for (const auto& u : screen_points(d, m))
      wants.push_back(
          {runs.add(arms[a].pattern, values_for(spec, arms[a], u), u, a, "screen"), spec.seeds});
  runs.ensure(wants);
  note("screened " + std::to_string(arms.size()) + " arms × " + std::to_string(m) + " points × " +
       std::to_string(spec.seeds) + " seeds: " + std::to_string(runs.requested()) + "/" +
       std::to_string(spec.budget) + " runs");

  // 2. Optimise the continuous varies.
  if (d > 0) {
    const std::size_t left = spec.budget - std::min(spec.budget, runs.requested());
    const std::size_t maxeval = (left * 6 / 10) / (arms.size() * spec.seeds);
    if (maxeval >= 2) {
      std::vector<ArmStart> starts(arms.size());
      for (std::size_t a = 0; a < arms.size(); ++a) {
        std::size_t best = 0;
        bool any = false;
        double scale = 0.0;
        for (std::size_t i = 0; i < runs.candidates().size(); ++i) {
          if (runs[i].arm != a) continue;
          const Judgement j = judge(spec, runs[i]);
          if (std::isfinite(j.score)) scale = std::max(scale, std::abs(j.score));
          if (!any || better(j, runs[i], judge(spec, runs[best]), runs[best])) best = i;
          any = true;
        }
        starts[a].u = runs[best].u;
        starts[a].scale = scale > 0 ? scale : 1.0;
        starts[a].maxeval = maxeval;
        starts[a].step = d == 1 ? 0.5 / static_cast<double>(m - 1) : 0.25;
      }
      note("optimising with COBYLA: up to " + std::to_string(maxeval) + " points per arm");
      optimise(spec, runs, arms, starts, note);
    }
  }

  // 3 and 4. Refine where an SLO binds, then race; again while either finds work (more seeds
  // can move the boundary: a point that met the SLO on few seeds may miss it on more).
  for (std::size_t round = 1;; ++round) {
    const std::size_t left = spec.budget - std::min(spec.budget, runs.requested());
    const bool refined =
        d > 0 && refine(spec, runs, arms,
                        std::max<std::size_t>(
                            1, std::min<std::size_t>(4, left / 4 / (arms.size() * spec.seeds))),
                        note);
    const bool raced = race_round(spec, runs, arms.size(), round, note);
    if (!refined && !raced) {
      note("search done: " + std::string(runs.requested() >= spec.budget
                                             ? "the budget is spent"
                                             : "nothing left unsure or worth a look"));
      return;
    }
  }
}

}  // namespace discolab::tune

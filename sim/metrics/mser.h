// MSER-5: where the initial transient of an output series ends (White 1997; White, Cobb and
// Spratt 2000, "A comparison of five steady-state truncation heuristics").
//
// The series x₁…xₙ is averaged in consecutive batches of 5 (a last incomplete batch is
// dropped): Z₁…Zₘ. Deleting the first d batches leaves the mean Z̄(d) of the rest, and
//   MSER(d) = Σ_{j>d} (Zⱼ − Z̄(d))² / (m − d)²,
// the squared standard error of the truncated mean up to a constant. The truncation is the d
// that minimises it over the first half of the series (0 ≤ d ≤ ⌊m/2⌋; the smallest d on a tie),
// i.e. 5·d observations. A minimum at the end of that range (d = ⌊m/2⌋ > 0) means the series
// has not settled within its first half: the run is too short to judge.
#pragma once

#include <cstddef>
#include <span>

namespace discolab::metrics {

inline constexpr std::size_t kMserBatch = 5;

struct MserResult {
  std::size_t truncation = 0;    // observations to delete from the start: batch · d
  std::size_t batches = 0;       // m
  double statistic = 0.0;        // MSER(d) at the chosen d; NaN with fewer than 2 batches
  bool at_search_limit = false;  // d = ⌊m/2⌋ > 0: no steady state within the first half
};

// `series` must hold no NaN (std::invalid_argument). batch ≥ 1; MSER-5 is batch = 5.
MserResult mser(std::span<const double> series, std::size_t batch = kMserBatch);

}  // namespace discolab::metrics

// Batch means: a confidence interval for a steady-state figure from one long run.
//
// The measured part of a run (after the warm-up) is cut into k consecutive batches of equal
// length. Every figure here is a ratio estimator: the figure over the whole period is
// R = Σ numerator / Σ denominator over the batches (failures / requests, latency sum /
// successes, stale tries / tries, stale view-seconds / view-covered seconds, messages /
// seconds), so each batch weighs by its count, as the figure over the whole period does.
// With a batch's residual eⱼ = (numeratorⱼ − R · denominatorⱼ) / mean denominator (for equal
// denominators simply yⱼ − R, yⱼ the batch's own value), the interval is
// R ± t(1 − α/2, k − 1) · s(e) / √k, s(e) the residuals' sample standard deviation — the
// usual ratio-estimator (delta-method) interval, computed with confidence.h's Student t.
// Batches with a zero denominator (no request in them) carry no information and are left out.
//
// The batch values are taken as independent; the lag-1 autocorrelation of the residuals,
// r₁ = Σ eⱼ eⱼ₊₁ / Σ eⱼ², checks it. Above kLag1Threshold the batches are too short to be
// independent and the interval is too narrow (docs/metrics.md, "Warm-up and batch means").
#pragma once

#include <cstddef>
#include <span>

namespace discolab::metrics {

// The rule of thumb of Banks, Carson, Nelson and Nicol (Discrete-Event System Simulation,
// batch means for steady-state interval estimation): batches whose means have a lag-1
// autocorrelation below 0.2 may be treated as independent.
inline constexpr double kLag1Threshold = 0.2;

struct BatchSums {
  double numerator = 0.0;
  double denominator = 0.0;  // ≥ 0
};

struct BatchMeans {
  std::size_t batches = 0;            // batches with a positive denominator
  double mean = 0.0;                  // R; NaN without any such batch
  double half_width = 0.0;            // NaN with fewer than 2 batches
  double low = 0.0;                   // R − half_width
  double high = 0.0;                  // R + half_width
  double lag1_autocorrelation = 0.0;  // NaN with fewer than 3 batches or no spread
  bool correlated = false;            // lag1_autocorrelation > kLag1Threshold
};

// `level` in (0, 1), e.g. 0.95.
BatchMeans batch_means(std::span<const BatchSums> batches, double level = 0.95);

// How `intervals` measured intervals are grouped into at most `wanted` batches of equal length:
// batches = min(wanted, intervals), each of `per_batch` = intervals / batches intervals, and the
// first `skipped` = intervals − batches · per_batch intervals (fewer than one batch) are left
// out, so the batches are as far from the run's start as possible.
struct BatchPlan {
  std::size_t batches = 0;
  std::size_t per_batch = 0;
  std::size_t skipped = 0;
};
BatchPlan plan_batches(std::size_t intervals, std::size_t wanted);

}  // namespace discolab::metrics

#include "sim/metrics/batch_means.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/metrics/confidence.h"

namespace discolab::metrics {

BatchMeans batch_means(std::span<const BatchSums> batches, double level) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  BatchMeans r;
  r.mean = r.half_width = r.low = r.high = r.lag1_autocorrelation = kNaN;
  double numerator = 0.0;
  double denominator = 0.0;
  for (const BatchSums& b : batches) {
    if (b.denominator < 0.0) throw std::invalid_argument("batch means: negative denominator");
    if (b.denominator == 0.0) continue;
    ++r.batches;
    numerator += b.numerator;
    denominator += b.denominator;
  }
  if (r.batches == 0) return r;
  r.mean = numerator / denominator;
  const double mean_denominator = denominator / static_cast<double>(r.batches);
  std::vector<double> residuals;
  residuals.reserve(r.batches);
  for (const BatchSums& b : batches) {
    if (b.denominator > 0.0)
      residuals.push_back((b.numerator - r.mean * b.denominator) / mean_denominator);
  }
  // The residuals sum to zero, so their interval's half width is the ratio's.
  const MeanInterval spread = mean_interval(residuals, level);
  if (r.batches >= 2) {
    r.half_width = spread.half_width;
    r.low = r.mean - r.half_width;
    r.high = r.mean + r.half_width;
  }
  if (r.batches >= 3) {
    double lagged = 0.0;
    double squares = 0.0;
    for (std::size_t j = 0; j < residuals.size(); ++j) {
      squares += residuals[j] * residuals[j];
      if (j + 1 < residuals.size()) lagged += residuals[j] * residuals[j + 1];
    }
    if (squares > 0.0) {
      r.lag1_autocorrelation = lagged / squares;
      r.correlated = r.lag1_autocorrelation > kLag1Threshold;
    }
  }
  return r;
}

BatchPlan plan_batches(std::size_t intervals, std::size_t wanted) {
  BatchPlan p;
  p.batches = std::min(wanted, intervals);
  if (p.batches == 0) {
    p.skipped = intervals;
    return p;
  }
  p.per_batch = intervals / p.batches;
  p.skipped = intervals - p.batches * p.per_batch;
  return p;
}

}  // namespace discolab::metrics

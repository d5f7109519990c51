// Means across independent replications (seeds) with Student-t confidence intervals.
//
// For n samples x₁…xₙ: mean x̄, sample standard deviation s (n − 1 in the denominator), and
// the two-sided interval x̄ ± t(1 − α/2, n − 1) · s / √n, with the quantile from
// Boost.Math's students_t distribution. With n < 2 the spread is undefined: stdev,
// half_width, low and high are NaN (the mean of one sample is still reported).
#pragma once

#include <cstddef>
#include <span>

namespace discolab::metrics {

struct MeanInterval {
  std::size_t n = 0;
  double mean = 0.0;        // NaN when n == 0
  double stdev = 0.0;       // NaN when n < 2
  double half_width = 0.0;  // NaN when n < 2
  double low = 0.0;
  double high = 0.0;
};

// `level` is the confidence level in (0, 1), e.g. 0.95.
MeanInterval mean_interval(std::span<const double> samples, double level = 0.95);

}  // namespace discolab::metrics

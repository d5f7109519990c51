// A histogram of non-negative durations with log-spaced buckets, for percentiles.
//
// Buckets are Boost.Histogram's regular axis with a log transform over [1 µs, 1000 s], with
// enough of them that every bucket is at most 1% wider than its lower edge; a percentile is
// interpolated (in log space) inside its bucket, so it lies within 1% of the exact sample
// percentile (nearest-rank definition). Zero is counted apart, exactly; values below 1 µs or
// above 1000 s land in the under/overflow buckets and are interpolated against the exact min
// and max. Count, sum (hence mean), min and max are exact. Values and results are in seconds.
// Recording is O(1) and never allocates.
#pragma once

#include <boost/histogram.hpp>
#include <cstdint>
#include <vector>

#include "patterns/core/time.h"

namespace discolab::metrics {

class LatencyHistogram {
 public:
  static constexpr double kLowest_s = 1e-6;
  static constexpr double kHighest_s = 1e3;
  static constexpr double kRelativeError = 0.01;

  // The number of log buckets over [kLowest_s, kHighest_s] whose width relative to their lower
  // edge is at most kRelativeError: the smallest n with (hi/lo)^(1/n) <= 1 + kRelativeError.
  static int bucket_count();

  LatencyHistogram();

  void record(Duration d) { record_s(to_seconds(d)); }
  void record_s(double seconds);
  void reset();
  // Adds another histogram's samples (same axis by construction).
  void merge(const LatencyHistogram& other);

  std::uint64_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  // NaN when empty.
  double mean_s() const;
  double sum_s() const { return sum_s_; }
  double min_s() const;
  double max_s() const;
  // q in [0, 1]: the value at rank q·count (the first bucket whose cumulative count reaches it),
  // interpolated inside that bucket. NaN when empty.
  double quantile_s(double q) const;

 private:
  using Axis = boost::histogram::axis::regular<double, boost::histogram::axis::transform::log>;
  using Histogram =
      boost::histogram::histogram<std::tuple<Axis>, boost::histogram::dense_storage<std::uint64_t>>;

  Histogram hist_;
  std::uint64_t count_ = 0;
  std::uint64_t zeros_ = 0;
  double sum_s_ = 0.0;
  double min_s_ = 0.0;
  double max_s_ = 0.0;
};

}  // namespace discolab::metrics

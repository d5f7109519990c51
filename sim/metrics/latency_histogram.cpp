#include "sim/metrics/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace discolab::metrics {

int LatencyHistogram::bucket_count() {
  static const int n = static_cast<int>(
      std::ceil(std::log(kHighest_s / kLowest_s) / std::log1p(kRelativeError) - 1e-9));
  return n;
}

LatencyHistogram::LatencyHistogram()
    : hist_(boost::histogram::make_histogram_with(
          boost::histogram::dense_storage<std::uint64_t>(),
          Axis(static_cast<unsigned>(bucket_count()), kLowest_s, kHighest_s))) {}

void LatencyHistogram::record_s(double seconds) {
  if (!(seconds > 0.0)) seconds = 0.0;  // negative or NaN durations are clock bugs: treat as 0
  if (count_ == 0) {
    min_s_ = max_s_ = seconds;
  } else {
    min_s_ = std::min(min_s_, seconds);
    max_s_ = std::max(max_s_, seconds);
  }
  ++count_;
  sum_s_ += seconds;
  if (seconds == 0.0) {
    ++zeros_;
  } else {
    hist_(seconds);
  }
}

void LatencyHistogram::reset() {
  hist_.reset();
  count_ = zeros_ = 0;
  sum_s_ = min_s_ = max_s_ = 0.0;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    min_s_ = other.min_s_;
    max_s_ = other.max_s_;
  } else {
    min_s_ = std::min(min_s_, other.min_s_);
    max_s_ = std::max(max_s_, other.max_s_);
  }
  hist_ += other.hist_;
  count_ += other.count_;
  zeros_ += other.zeros_;
  sum_s_ += other.sum_s_;
}

double LatencyHistogram::mean_s() const {
  return count_ == 0 ? std::numeric_limits<double>::quiet_NaN()
                     : sum_s_ / static_cast<double>(count_);
}
double LatencyHistogram::min_s() const {
  return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : min_s_;
}
double LatencyHistogram::max_s() const {
  return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : max_s_;
}

double LatencyHistogram::quantile_s(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  q = std::clamp(q, 0.0, 1.0);
  const double rank = q * static_cast<double>(count_);
  if (rank <= static_cast<double>(zeros_)) return 0.0;
  if (rank >= static_cast<double>(count_)) return max_s_;

  const auto& axis = hist_.axis();
  double cumulative = static_cast<double>(zeros_);
  // Buckets in order: underflow (-1), the regular ones, overflow (size()).
  for (int i = -1; i <= axis.size(); ++i) {
    const auto in_bucket = static_cast<double>(hist_.at(i));
    if (in_bucket == 0.0 || cumulative + in_bucket < rank) {
      cumulative += in_bucket;
      continue;
    }
    // The bucket's edges, narrowed to the exact extremes (which also bounds under/overflow).
    const double lower = std::max(i < 0 ? min_s_ : axis.value(i), min_s_);
    const double upper = std::min(i >= axis.size() ? max_s_ : axis.value(i + 1), max_s_);
    const double fraction = (rank - cumulative) / in_bucket;
    if (!(lower > 0.0) || !(upper > lower)) return std::max(lower, std::min(upper, max_s_));
    const double value = std::exp(std::log(lower) + fraction * (std::log(upper) - std::log(lower)));
    return std::clamp(value, lower, upper);  // exp(log(x)) may round just past an edge
  }
  return max_s_;
}

}  // namespace discolab::metrics

#include "sim/metrics/confidence.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace discolab::metrics {

MeanInterval mean_interval(std::span<const double> samples, double level) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("confidence level must be in (0, 1)");
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  MeanInterval r;
  r.n = samples.size();
  r.mean = r.stdev = r.half_width = r.low = r.high = kNaN;
  if (r.n == 0) return r;
  double sum = 0.0;
  for (double x : samples) sum += x;
  r.mean = sum / static_cast<double>(r.n);
  if (r.n < 2) return r;
  double squares = 0.0;
  for (double x : samples) squares += (x - r.mean) * (x - r.mean);
  r.stdev = std::sqrt(squares / static_cast<double>(r.n - 1));
  const boost::math::students_t t(static_cast<double>(r.n - 1));
  const double quantile = boost::math::quantile(t, 1.0 - (1.0 - level) / 2.0);
  r.half_width = quantile * r.stdev / std::sqrt(static_cast<double>(r.n));
  r.low = r.mean - r.half_width;
  r.high = r.mean + r.half_width;
  return r;
}

}  // namespace discolab::metrics

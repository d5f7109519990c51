#include "sim/metrics/mser.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace discolab::metrics {

MserResult mser(std::span<const double> series, std::size_t batch) {
  if (batch == 0) throw std::invalid_argument("MSER: the batch size must be positive");
  for (const double x : series)
    if (std::isnan(x)) throw std::invalid_argument("MSER: the series holds an undefined value");
  MserResult r;
  r.statistic = std::numeric_limits<double>::quiet_NaN();
  r.batches = series.size() / batch;
  if (r.batches < 2) return r;
  std::vector<double> z(r.batches);
  for (std::size_t j = 0; j < r.batches; ++j) {
    double sum = 0.0;
    for (std::size_t i = 0; i < batch; ++i) sum += series[j * batch + i];
    z[j] = sum / static_cast<double>(batch);
  }
  // MSER(d) for every d from the end backwards: Welford's running mean and sum of squared
  // deviations of z[d..m), one pass and numerically stable.
  const std::size_t m = r.batches;
  const std::size_t last_d = m / 2;
  std::vector<double> statistic(last_d + 1);
  double mean = 0.0;
  double squares = 0.0;
  for (std::size_t d = m; d-- > 0;) {
    const auto kept = static_cast<double>(m - d);
    const double delta = z[d] - mean;
    mean += delta / kept;
    squares += delta * (z[d] - mean);
    if (d <= last_d) statistic[d] = squares / (kept * kept);
  }
  std::size_t best_d = 0;
  for (std::size_t d = 1; d <= last_d; ++d)
    if (statistic[d] < statistic[best_d]) best_d = d;
  r.statistic = statistic[best_d];
  r.truncation = best_d * batch;
  r.at_search_limit = best_d > 0 && best_d == last_d;
  return r;
}

}  // namespace discolab::metrics

#include "sim/metrics/load_spread.h"

#include <cmath>
#include <limits>

namespace discolab::metrics {

std::vector<ServiceLoad> LoadSpread::by_service(const GroundTruth& truth, SimTime end) const {
  const std::size_t services = truth.service_count();
  std::vector<ServiceLoad> out(services);
  std::vector<double> ready_s(services, 0.0);
  const std::size_t limit = truth.instance_limit();
  for (InstanceId i = 0; i < limit; ++i) {
    const ServiceIndex s = truth.service_of(i);
    const double w = truth.ready_seconds(i, end);
    if (s == kNoService || w <= 0.0) continue;
    out[s].served += served_by(i);
    ++out[s].instances;
    ready_s[s] += w;
  }
  std::vector<double> weighted_square(services, 0.0);
  for (InstanceId i = 0; i < limit; ++i) {
    const ServiceIndex s = truth.service_of(i);
    const double w = truth.ready_seconds(i, end);
    if (s == kNoService || w <= 0.0) continue;
    const double mean = static_cast<double>(out[s].served) / ready_s[s];
    const double deviation = static_cast<double>(served_by(i)) / w - mean;
    weighted_square[s] += w * deviation * deviation;
  }
  for (std::size_t s = 0; s < services; ++s) {
    if (out[s].served == 0 || ready_s[s] <= 0.0) {
      out[s].imbalance_cv = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const double mean = static_cast<double>(out[s].served) / ready_s[s];
    out[s].imbalance_cv = std::sqrt(weighted_square[s] / ready_s[s]) / mean;
  }
  return out;
}

double LoadSpread::imbalance_cv(const std::vector<ServiceLoad>& services) {
  double weighted = 0.0;
  double weight = 0.0;
  for (const auto& s : services) {
    if (std::isnan(s.imbalance_cv)) continue;
    weighted += static_cast<double>(s.served) * s.imbalance_cv;
    weight += static_cast<double>(s.served);
  }
  return weight > 0.0 ? weighted / weight : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace discolab::metrics

#include "sim/theory/lease_removal.h"

#include <algorithm>
#include <stdexcept>

namespace discolab::theory {

namespace {

void check(const LeaseModel& m) {
  if (!(m.heartbeat_s >= 0.0) || !(m.lease_s >= 0.0) || !(m.sweep_s >= 0.0)) {
    throw std::invalid_argument("lease model: h, L and e must be >= 0");
  }
}

// ∫ min(max(t, 0), e) dt from −∞: the area under the clamp (e > 0).
double g(double t, double e) {
  if (t <= 0.0) return 0.0;
  if (t <= e) return t * t / 2.0;
  return e * e / 2.0 + e * (t - e);
}

}  // namespace

double removal_delay_cdf(const LeaseModel& m, double x) {
  check(m);
  const double h = m.heartbeat_s;
  const double e = m.sweep_s;
  const double y = x - m.lease_s;  // W − U ≤ y
  if (h == 0.0 && e == 0.0) return y >= 0.0 ? 1.0 : 0.0;
  if (e == 0.0) return std::clamp((y + h) / h, 0.0, 1.0);  // −U ≤ y
  if (h == 0.0) return std::clamp(y / e, 0.0, 1.0);        // W ≤ y
  if (y <= -h) return 0.0;
  if (y >= e) return 1.0;
  // P(W ≤ y + U) = (1/h) ∫₀ʰ clamp(y + u, 0, e)/e du.
  return std::clamp((g(y + h, e) - g(y, e)) / (h * e), 0.0, 1.0);
}

double removal_delay_mean(const LeaseModel& m) {
  check(m);
  return m.lease_s - m.heartbeat_s / 2.0 + m.sweep_s / 2.0;
}

double removal_delay_variance(const LeaseModel& m) {
  check(m);
  return (m.heartbeat_s * m.heartbeat_s + m.sweep_s * m.sweep_s) / 12.0;
}

double removal_delay_quantile(const LeaseModel& m, double p) {
  check(m);
  if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("lease quantile: p must be in (0, 1)");
  double lo = m.lease_s - m.heartbeat_s;
  double hi = m.lease_s + m.sweep_s;
  while (hi - lo > 1e-12 * std::max(1.0, hi)) {
    const double mid = (lo + hi) / 2.0;
    if (removal_delay_cdf(m, mid) >= p) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

}  // namespace discolab::theory

#include "sim/theory/dns_cache.h"

#include <cmath>
#include <stdexcept>

namespace discolab::theory {

namespace {

void check(const DnsCacheModel& m) {
  if (!(m.ttl_s >= 0.0) || !(m.lookup_rate > 0.0) || !(m.change_rate >= 0.0)) {
    throw std::invalid_argument("dns cache model: T >= 0, r > 0 and lambda >= 0 required");
  }
}

}  // namespace

double held_fraction(const DnsCacheModel& m) {
  check(m);
  return m.ttl_s / (m.ttl_s + 1.0 / m.lookup_rate);
}

double stale_answers_per_change(const DnsCacheModel& m) {
  check(m);
  const double t = m.ttl_s;
  const double r = m.lookup_rate;
  const double x = m.change_rate * t;
  // Stale hits per cycle over λ: r ∫₀ᵀ (1 − e^(−λa)) da / λ = r T² φ(λT) with
  // φ(x) = (x − 1 + e^(−x)) / x², which tends to 1/2 as x → 0 (series below x = 1e-4).
  const double phi = x < 1e-4 ? 0.5 - x / 6.0 + x * x / 24.0 : (x - 1.0 + std::exp(-x)) / (x * x);
  return r * t * t * phi / (t + 1.0 / r);
}

double view_delay_mean_s(const DnsCacheModel& m) {
  check(m);
  const double t = m.ttl_s;
  const double inv_r = 1.0 / m.lookup_rate;
  return (t * t / 2.0 + t * inv_r + inv_r * inv_r) / (t + inv_r);
}

}  // namespace discolab::theory

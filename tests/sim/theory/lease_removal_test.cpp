#include "sim/theory/lease_removal.h"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>

using discolab::theory::LeaseModel;
using discolab::theory::removal_delay_cdf;
using discolab::theory::removal_delay_mean;
using discolab::theory::removal_delay_quantile;
using discolab::theory::removal_delay_variance;

namespace {

// ∫ x dF and ∫ x² dF by the midpoint rule on F's differences.
std::pair<double, double> moments(const LeaseModel& m) {
  const double lo = m.lease_s - m.heartbeat_s - 1.0;
  const double hi = m.lease_s + m.sweep_s + 1.0;
  const int n = 200000;
  const double dx = (hi - lo) / n;
  double m1 = 0.0;
  double m2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double a = lo + i * dx;
    const double p = removal_delay_cdf(m, a + dx) - removal_delay_cdf(m, a);
    const double x = a + dx / 2.0;
    m1 += x * p;
    m2 += x * x * p;
  }
  return {m1, m2 - m1 * m1};
}

}  // namespace

TEST_CASE("lease: the CDF runs from 0 to 1 over [L - h, L + e]") {
  for (const LeaseModel m : {LeaseModel{10, 30, 5}, LeaseModel{5, 15, 20}, LeaseModel{10, 30, 0},
                             LeaseModel{0, 30, 10}}) {
    CHECK(removal_delay_cdf(m, m.lease_s - m.heartbeat_s - 1e-9) == 0.0);
    CHECK(removal_delay_cdf(m, m.lease_s + m.sweep_s + 1e-9) == 1.0);
    double prev = 0.0;
    for (double x = m.lease_s - m.heartbeat_s; x <= m.lease_s + m.sweep_s; x += 0.01) {
      const double f = removal_delay_cdf(m, x);
      CHECK(f >= prev);
      prev = f;
    }
  }
}

TEST_CASE("lease: the density integrates to 1 with the stated mean and variance") {
  for (const LeaseModel m : {LeaseModel{10, 30, 5}, LeaseModel{5, 15, 20}, LeaseModel{8, 30, 8}}) {
    const auto [mean, var] = moments(m);
    CHECK(removal_delay_cdf(m, m.lease_s + m.sweep_s) == Approx(1.0));
    CHECK(mean == Approx(m.lease_s - m.heartbeat_s / 2 + m.sweep_s / 2).epsilon(1e-6));
    CHECK(removal_delay_mean(m) == Approx(mean).epsilon(1e-6));
    CHECK(removal_delay_variance(m) ==
          Approx((m.heartbeat_s * m.heartbeat_s + m.sweep_s * m.sweep_s) / 12).epsilon(1e-4));
    CHECK(var == Approx(removal_delay_variance(m)).epsilon(1e-4));
  }
}

TEST_CASE("lease: equal heartbeat and sweep give a triangle centred on the lease") {
  const LeaseModel m{10, 30, 10};
  CHECK(removal_delay_cdf(m, 30) == Approx(0.5));
  CHECK(removal_delay_quantile(m, 0.5) == Approx(30));
  CHECK(removal_delay_cdf(m, 25) == Approx(0.125));  // (5)² / (2·10·10)
}

TEST_CASE("lease: an exact expiry (no sweep) is uniform over the last heartbeat interval") {
  const LeaseModel m{10, 30, 0};
  CHECK(removal_delay_cdf(m, 25) == Approx(0.5));
  CHECK(removal_delay_quantile(m, 0.1) == Approx(21));
}

TEST_CASE("lease: quantiles invert the CDF and match L - U + W sampled") {
  const LeaseModel m{10, 30, 4};
  boost::random::mt19937_64 rng(7);
  boost::random::uniform_real_distribution<double> u(0.0, m.heartbeat_s);
  boost::random::uniform_real_distribution<double> w(0.0, m.sweep_s);
  const int n = 200000;
  std::vector<double> d(n);
  for (double& x : d) x = m.lease_s - u(rng) + w(rng);
  std::sort(d.begin(), d.end());
  for (double p : {0.1, 0.5, 0.9}) {
    const double q = removal_delay_quantile(m, p);
    CHECK(removal_delay_cdf(m, q) == Approx(p).epsilon(1e-9));
    CHECK(d[static_cast<std::size_t>(p * n)] == Approx(q).margin(0.05));
  }
}

TEST_CASE("lease: bad parameters are refused") {
  CHECK_THROWS_AS(removal_delay_cdf({-1, 30, 5}, 1), std::invalid_argument);
  CHECK_THROWS_AS(removal_delay_quantile({10, 30, 5}, 1.0), std::invalid_argument);
}

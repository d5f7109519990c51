#include "sim/metrics/batch_means.h"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using discolab::metrics::batch_means;
using discolab::metrics::BatchSums;
using discolab::metrics::kLag1Threshold;
using discolab::metrics::plan_batches;

namespace {

// `batches` batch means of `per_batch` consecutive values of an AR(1) series
// xₜ = μ + φ (xₜ₋₁ − μ) + εₜ, ε ~ N(0, σ²), started in its stationary distribution
// (φ = 0: independent samples). Each batch is (Σ x, per_batch).
std::vector<BatchSums> ar1_batches(unsigned seed, double mu, double phi, double sigma,
                                   std::size_t batches, std::size_t per_batch) {
  boost::random::mt19937 rng(seed);
  boost::random::normal_distribution<double> noise(0.0, sigma);
  double x = mu + noise(rng) / std::sqrt(1.0 - phi * phi);
  std::vector<BatchSums> out;
  for (std::size_t j = 0; j < batches; ++j) {
    BatchSums b;
    for (std::size_t i = 0; i < per_batch; ++i) {
      x = mu + phi * (x - mu) + noise(rng);
      b.numerator += x;
      b.denominator += 1.0;
    }
    out.push_back(b);
  }
  return out;
}

}  // namespace

TEST_CASE("equal denominators: the Student-t interval of the batch values", "[batch_means]") {
  // Batch values 1..5: mean 3, s = 1.5811388, t(0.975, 4) = 2.776445, half-width 1.963243
  // (as confidence_test's worked example).
  const std::vector<BatchSums> b{{10, 10}, {20, 10}, {30, 10}, {40, 10}, {50, 10}};
  const auto r = batch_means(b);
  CHECK(r.batches == 5);
  CHECK(r.mean == Approx(3.0));
  CHECK(r.half_width == Approx(1.963243).epsilon(1e-5));
  CHECK(r.low == Approx(3.0 - 1.963243).epsilon(1e-5));
  CHECK(r.high == Approx(3.0 + 1.963243).epsilon(1e-5));
  // Residuals −2, −1, 0, 1, 2: r₁ = (2 + 0 + 0 + 2) / 10 = 0.4, above the threshold.
  CHECK(r.lag1_autocorrelation == Approx(0.4));
  CHECK(r.correlated);
}

TEST_CASE("unequal denominators: the ratio estimator and its residuals", "[batch_means]") {
  // (2, 1), (2, 2), (9, 3): R = 13/6; mean denominator 2; residuals (n − R d) / 2 =
  // −1/12, −7/6, 5/4; s² = (1/144 + 196/144 + 225/144) / 2 = 422/288;
  // half-width t(0.975, 2) · s / √3 with t(0.975, 2) = 4.302653.
  const std::vector<BatchSums> b{{2, 1}, {2, 2}, {9, 3}};
  const auto r = batch_means(b);
  CHECK(r.mean == Approx(13.0 / 6.0));
  CHECK(r.half_width == Approx(4.302653 * std::sqrt(422.0 / 288.0) / std::sqrt(3.0)).epsilon(1e-6));
  // r₁ = (−1/12 · −7/6 + −7/6 · 5/4) / (422/144)
  const double lagged = (1.0 / 12.0) * (7.0 / 6.0) - (7.0 / 6.0) * (5.0 / 4.0);
  CHECK(r.lag1_autocorrelation == Approx(lagged / (422.0 / 144.0)));
  CHECK_FALSE(r.correlated);
}

TEST_CASE("batches without a denominator are left out, too few give no interval", "[batch_means]") {
  const std::vector<BatchSums> b{{0, 0}, {4, 2}, {0, 0}, {6, 2}, {0, 0}};
  const auto r = batch_means(b);
  CHECK(r.batches == 2);
  CHECK(r.mean == Approx(2.5));
  CHECK(r.half_width == Approx(12.7062 * 0.5).epsilon(1e-4));  // values 2, 3: s = 1/√2
  CHECK(std::isnan(r.lag1_autocorrelation));                   // needs 3 batches
  const auto one = batch_means(std::vector<BatchSums>{{3, 1}});
  CHECK(one.mean == 3.0);
  CHECK(std::isnan(one.half_width));
  const auto none = batch_means(std::vector<BatchSums>{{0, 0}});
  CHECK(none.batches == 0);
  CHECK(std::isnan(none.mean));
  CHECK_THROWS_AS(batch_means(std::vector<BatchSums>{{1, -1}}), std::invalid_argument);
}

TEST_CASE("identical batches: a zero-width interval and no autocorrelation", "[batch_means]") {
  const std::vector<BatchSums> b(4, BatchSums{0, 7});
  const auto r = batch_means(b);
  CHECK(r.mean == 0.0);
  CHECK(r.half_width == 0.0);
  CHECK(std::isnan(r.lag1_autocorrelation));
  CHECK_FALSE(r.correlated);
}

TEST_CASE("independent samples: the 95% interval covers the true mean about 95% of the time",
          "[batch_means]") {
  // 400 runs of 20 batches of 50 N(10, 2²) samples each, at fixed seeds. The count of covering
  // runs is Binomial(400, 0.95): mean 380, sd 4.4; [365, 395] is over ±3 sd.
  int covered = 0;
  int flagged = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    const auto r = batch_means(ar1_batches(seed, 10.0, 0.0, 2.0, 20, 50));
    REQUIRE(r.batches == 20);
    if (r.low <= 10.0 && 10.0 <= r.high) ++covered;
    if (r.correlated) ++flagged;
  }
  CHECK(covered >= 365);
  CHECK(covered <= 395);
  // r₁ of 20 independent values is about N(−1/20, 1/20): above 0.2 in roughly 1 run of 8.
  CHECK(flagged < 400 / 4);
}

TEST_CASE("an AR(1) series in short batches is flagged, in long batches it is not",
          "[batch_means]") {
  // For AR(1) with coefficient φ, batch means of b values have lag-1 correlation
  // ρ₁ = φ (1 − φᵇ)² / (b (1 + φ)(1 − φ) − 2 φ (1 − φᵇ)) (from γₖ = σ² φᵏ): 0.709 for φ = 0.9,
  // b = 5 and 0.0024 for b = 2000. With 200 batches the estimate's sd is about 0.05.
  const auto rho1 = [](double phi, double b) {
    const double tail = 1.0 - std::pow(phi, b);
    return phi * tail * tail / (b * (1.0 + phi) * (1.0 - phi) - 2.0 * phi * tail);
  };
  const auto short_batches = batch_means(ar1_batches(7, 0.0, 0.9, 1.0, 200, 5));
  CHECK(short_batches.lag1_autocorrelation == Approx(rho1(0.9, 5)).margin(0.2));
  CHECK(short_batches.lag1_autocorrelation > kLag1Threshold);
  CHECK(short_batches.correlated);
  const auto long_batches = batch_means(ar1_batches(7, 0.0, 0.9, 1.0, 200, 2000));
  CHECK(long_batches.lag1_autocorrelation == Approx(rho1(0.9, 2000)).margin(0.2));
  CHECK(long_batches.lag1_autocorrelation < kLag1Threshold);
  CHECK_FALSE(long_batches.correlated);
  CHECK(long_batches.low <= 0.0);
  CHECK(long_batches.high >= 0.0);
}

TEST_CASE("plan_batches: equal batches, the leftover at the start", "[batch_means]") {
  const auto p = plan_batches(105, 20);
  CHECK(p.batches == 20);
  CHECK(p.per_batch == 5);
  CHECK(p.skipped == 5);
  const auto few = plan_batches(7, 20);  // fewer intervals than batches: one interval each
  CHECK(few.batches == 7);
  CHECK(few.per_batch == 1);
  CHECK(few.skipped == 0);
  CHECK(plan_batches(0, 20).batches == 0);
}

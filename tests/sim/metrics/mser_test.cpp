#include "sim/metrics/mser.h"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

using discolab::metrics::mser;

namespace {

// transient(t) + N(0, 1) noise for t = 0 … n − 1, at a fixed seed.
template <class Transient>
std::vector<double> series(unsigned seed, std::size_t n, Transient transient) {
  boost::random::mt19937 rng(seed);
  boost::random::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> xs;
  for (std::size_t t = 0; t < n; ++t) xs.push_back(transient(static_cast<double>(t)) + noise(rng));
  return xs;
}

double mean_from(const std::vector<double>& xs, std::size_t from) {
  double sum = 0.0;
  for (std::size_t i = from; i < xs.size(); ++i) sum += xs[i];
  return sum / static_cast<double>(xs.size() - from);
}

}  // namespace

TEST_CASE("MSER worked by hand with batches of one", "[mser]") {
  // 9, 1, 2, 1, 2: m = 5, d ≤ 2. MSER(0) = 46/25 = 1.84; MSER(1) = 1/16 = 0.0625 (mean 1.5);
  // MSER(2) = (6/9)/9 = 0.074 (mean 5/3). Minimum at d = 1.
  const std::vector<double> xs{9, 1, 2, 1, 2};
  const auto r = mser(xs, 1);
  CHECK(r.batches == 5);
  CHECK(r.truncation == 1);
  CHECK(r.statistic == Approx(0.0625));
  CHECK_FALSE(r.at_search_limit);
}

TEST_CASE("MSER-5 averages batches of five and drops an incomplete last one", "[mser]") {
  // Batch means 9, 1, 2, 1, 2 as above (each batch constant), then 3 values that are dropped.
  std::vector<double> xs;
  for (const double z : {9.0, 1.0, 2.0, 1.0, 2.0})
    for (int i = 0; i < 5; ++i) xs.push_back(z);
  for (int i = 0; i < 3; ++i) xs.push_back(1000.0);
  const auto r = mser(xs);
  CHECK(r.batches == 5);
  CHECK(r.truncation == 5);
  CHECK(r.statistic == Approx(0.0625));
}

TEST_CASE("MSER-5 cuts an initial step where it ends", "[mser]") {
  // 100 values 20 above a stationary N(0, 1) series: deleting fewer than 100 keeps a batch mean
  // far off; deleting more only loses data.
  const auto xs = series(11, 2000, [](double t) { return t < 100 ? 20.0 : 0.0; });
  const auto r = mser(xs);
  CHECK(r.truncation >= 100);
  CHECK(r.truncation <= 150);
  CHECK_FALSE(r.at_search_limit);
}

TEST_CASE("MSER-5 removes a decaying transient and the bias with it", "[mser]") {
  // 10 e^(−t/50) + N(0, 1): the transient falls below the noise's sd near t = 115.
  const auto xs = series(5, 4000, [](double t) { return 10.0 * std::exp(-t / 50.0); });
  const auto r = mser(xs);
  CHECK(r.truncation >= 50);
  CHECK(r.truncation <= 1000);
  CHECK_FALSE(r.at_search_limit);
  // The untruncated mean is biased by Σ 10 e^(−t/50) / n ≈ 500 / 4000 = 0.125, more than 5 sd
  // of the mean (1/√4000 = 0.016); the truncated one keeps under 0.06 of it.
  CHECK(mean_from(xs, 0) > 0.09);
  CHECK(std::abs(mean_from(xs, r.truncation)) < 0.06);
}

TEST_CASE("MSER-5 truncates little of a stationary series", "[mser]") {
  // Independent N(0, 1) values have no transient: over 50 seeds the truncation stays a small
  // share of the series in most of them (MSER(d) grows as 1/(m − d) unless the deleted
  // batches were unusual).
  int small = 0;
  for (unsigned seed = 1; seed <= 50; ++seed) {
    const auto xs = series(seed, 1000, [](double) { return 0.0; });
    if (mser(xs).truncation <= 100) ++small;
  }
  CHECK(small >= 40);
}

TEST_CASE("MSER-5 says when the series never settles", "[mser]") {
  // A steady climb: the less is kept, the smaller the spread, up to the end of the search.
  std::vector<double> xs;
  for (int t = 0; t < 500; ++t) xs.push_back(t);
  const auto r = mser(xs);
  CHECK(r.batches == 100);
  CHECK(r.truncation == 250);
  CHECK(r.at_search_limit);
}

TEST_CASE("MSER on short or undefined series", "[mser]") {
  const auto short_one = mser(std::vector<double>(9, 1.0));  // one batch of five
  CHECK(short_one.truncation == 0);
  CHECK(std::isnan(short_one.statistic));
  const std::vector<double> with_nan{1, 2, std::numeric_limits<double>::quiet_NaN(), 4, 5};
  CHECK_THROWS_AS(mser(with_nan, 1), std::invalid_argument);
  CHECK_THROWS_AS(mser(with_nan, 0), std::invalid_argument);
}

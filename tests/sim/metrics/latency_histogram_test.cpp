#include "sim/metrics/latency_histogram.h"

#include <algorithm>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using discolab::metrics::LatencyHistogram;

namespace {

// Nearest-rank percentile of sorted samples: the ceil(q·n)-th smallest.
double exact_quantile(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

}  // namespace

TEST_CASE("the bucket count is the smallest giving at most 1% relative bucket width") {
  const int n = LatencyHistogram::bucket_count();
  const double span = LatencyHistogram::kHighest_s / LatencyHistogram::kLowest_s;
  CHECK(std::pow(span, 1.0 / n) - 1.0 <= 0.01);
  CHECK(std::pow(span, 1.0 / (n - 1)) - 1.0 > 0.01);
}

TEST_CASE("percentiles of lognormal samples are within 1% of the exact sample percentiles") {
  for (const double sigma : {0.3, 1.0, 2.0}) {
    boost::random::mt19937 engine(42);
    boost::random::lognormal_distribution<double> lognormal(std::log(0.01), sigma);
    LatencyHistogram h;
    std::vector<double> samples;
    for (int i = 0; i < 100'000; ++i) {
      const double x = lognormal(engine);
      samples.push_back(x);
      h.record_s(x);
    }
    std::sort(samples.begin(), samples.end());
    for (const double q : {0.01, 0.25, 0.5, 0.9, 0.99, 0.999}) {
      const double exact = exact_quantile(samples, q);
      INFO("sigma " << sigma << " q " << q);
      CHECK(std::abs(h.quantile_s(q) - exact) <= 0.01 * exact);
    }
    CHECK(h.max_s() == samples.back());
    CHECK(h.min_s() == samples.front());
    CHECK(h.count() == samples.size());
  }
}

TEST_CASE("mean and max are exact, zeros are counted exactly, empty gives NaN") {
  LatencyHistogram h;
  CHECK(std::isnan(h.quantile_s(0.5)));
  CHECK(std::isnan(h.mean_s()));
  h.record_s(0.0);
  h.record_s(0.0);
  h.record_s(0.0);
  h.record(std::chrono::milliseconds(20));
  CHECK(h.quantile_s(0.5) == 0.0);
  CHECK(h.quantile_s(0.75) == 0.0);
  CHECK(h.quantile_s(0.99) == Approx(0.020).epsilon(0.01));
  CHECK(h.max_s() == 0.020);
  CHECK(h.mean_s() == Approx(0.005).epsilon(1e-12));
}

TEST_CASE("values outside the axis are bounded by the exact extremes") {
  LatencyHistogram h;
  h.record_s(2e-7);
  h.record_s(5000.0);
  CHECK(h.quantile_s(0.5) >= 2e-7);
  CHECK(h.quantile_s(0.5) <= 1e-6 * (1 + 1e-12));  // the axis edge, as exp(log(x)) gives it
  CHECK(h.quantile_s(1.0) == 5000.0);
  CHECK(h.quantile_s(0.75) >= 1e3);
  CHECK(h.quantile_s(0.75) <= 5000.0);
}

TEST_CASE("merge and reset") {
  LatencyHistogram a;
  LatencyHistogram b;
  a.record_s(0.001);
  b.record_s(0.1);
  b.record_s(0.2);
  a.merge(b);
  CHECK(a.count() == 3);
  CHECK(a.max_s() == 0.2);
  CHECK(a.quantile_s(0.5) == Approx(0.1).epsilon(0.01));
  a.reset();
  CHECK(a.empty());
  CHECK(std::isnan(a.quantile_s(0.5)));
}

#include "sim/metrics/confidence.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using discolab::metrics::mean_interval;

TEST_CASE("Student-t interval of five samples, worked by hand", "[confidence]") {
  // 1..5: mean 3, s = sqrt(10/4) = 1.58114, t(0.975, 4) = 2.776445, half-width 1.963243.
  const std::vector<double> xs{1, 2, 3, 4, 5};
  const auto m = mean_interval(xs);
  CHECK(m.n == 5);
  CHECK(m.mean == Approx(3.0));
  CHECK(m.stdev == Approx(1.5811388).epsilon(1e-6));
  CHECK(m.half_width == Approx(1.963243).epsilon(1e-5));
  CHECK(m.low == Approx(3.0 - 1.963243).epsilon(1e-5));
  CHECK(m.high == Approx(3.0 + 1.963243).epsilon(1e-5));
}

TEST_CASE("two samples use t with one degree of freedom", "[confidence]") {
  // t(0.975, 1) = 12.7062; s = |a-b|/sqrt(2); half-width = 12.7062 * s / sqrt(2) = 6.3531 |a-b|.
  const std::vector<double> xs{10, 12};
  const auto m = mean_interval(xs);
  CHECK(m.half_width == Approx(12.7062 * 2 / 2).epsilon(1e-4));
  // A 90% interval is narrower: t(0.95, 1) = 6.3138.
  CHECK(mean_interval(xs, 0.90).half_width == Approx(6.3138).epsilon(1e-4));
}

TEST_CASE("one sample has a mean but no interval, none has neither", "[confidence]") {
  const std::vector<double> one{4.5};
  const auto m = mean_interval(one);
  CHECK(m.n == 1);
  CHECK(m.mean == 4.5);
  CHECK(std::isnan(m.half_width));
  CHECK(std::isnan(m.stdev));
  const auto none = mean_interval({});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK_THROWS_AS(mean_interval(one, 1.0), std::invalid_argument);
}

TEST_CASE("identical samples give a zero-width interval", "[confidence]") {
  const std::vector<double> xs{2, 2, 2};
  const auto m = mean_interval(xs);
  CHECK(m.half_width == 0.0);
  CHECK(m.low == 2.0);
}

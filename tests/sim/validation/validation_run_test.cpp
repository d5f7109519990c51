// The pieces of `discolab validate-theory` that need no run: the Kolmogorov–Smirnov distance
// of a distribution row, its accepted interval, tolerances and the template.
#include "sim/validation/validation_run.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

using namespace discolab::validation;

namespace {
double uniform01(double x) { return std::clamp(x, 0.0, 1.0); }
}  // namespace

TEST_CASE("validation: KS distance of one sample is its larger step", "[validation]") {
  CHECK(ks_distance({0.5}, uniform01) == Approx(0.5));
  CHECK(ks_distance({0.2}, uniform01) == Approx(0.8));  // F_n jumps 0 → 1 where F is 0.2
}

TEST_CASE("validation: KS distance of evenly spread samples is 1/(2n)", "[validation]") {
  // Samples at (i + ½)/n: every step of F_n straddles F by exactly 1/(2n).
  std::vector<double> samples;
  for (int i = 9; i >= 0; --i) samples.push_back((i + 0.5) / 10.0);  // unsorted on purpose
  CHECK(ks_distance(samples, uniform01) == Approx(0.05));
}

TEST_CASE("validation: KS distance sees a shifted distribution", "[validation]") {
  std::vector<double> samples;
  for (int i = 0; i < 1000; ++i) samples.push_back(0.1 + 0.9 * (i + 0.5) / 1000.0);
  // The samples follow U[0.1, 1]: the largest gap to U[0, 1] is 0.1 at x = 0.1.
  CHECK(ks_distance(samples, uniform01) == Approx(0.1).margin(1e-3));
  CHECK(std::isnan(ks_distance({}, uniform01)));
}

TEST_CASE("validation: a distribution row accepts distances up to 1.358/sqrt(n)", "[validation]") {
  const Expectation e = ks_expectation(10000);
  CHECK(e.value == 0.0);
  CHECK(e.low == 0.0);
  CHECK(e.high == Approx(0.01358));
}

TEST_CASE("validation: within() sets an asymmetric interval around the theory", "[validation]") {
  const Expectation e = within(10.0, 0.01, 0.03);
  CHECK(e.low == Approx(9.9));
  CHECK(e.high == Approx(10.3));
  CHECK(e.tolerance == "+3% / −1%");
  CHECK(within(2.0, 0.05, 0.05).tolerance == "±5%");
}

TEST_CASE("validation: the template's {{results}} line is replaced", "[validation]") {
  CHECK(fill_template("a\n{{results}}\nb\n", "T\n") == "a\nT\n\nb\n");
  CHECK_THROWS_AS(fill_template("no marker", "T"), std::invalid_argument);
}

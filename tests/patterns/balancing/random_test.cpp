// Random and least-request (power of d choices): uniformity and the balls-into-bins gap.
#include "patterns/balancing/random.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "patterns/balancing/least_request.h"
#include "tests/patterns/balancing/test_endpoints.h"

using namespace discolab;
using discolab::testing::endpoints;

TEST_CASE("random: counts are uniform within a chi-square bound", "[balancing][random]") {
  constexpr std::uint32_t n = 20;
  constexpr std::uint64_t picks = 200'000;
  RandomBalancer balancer;
  balancer.update(endpoints(n));
  RandomStream random(42);
  std::vector<double> c(n, 0);
  for (std::uint64_t i = 0; i < picks; ++i) ++c[balancer.pick(PickContext{0, &random}).index];
  const double expected = static_cast<double>(picks) / n;
  double chi2 = 0;
  for (double x : c) chi2 += (x - expected) * (x - expected) / expected;
  // 19 degrees of freedom: P(chi2 > 43.8) = 0.001. A biased index (say modulo of 8 bits)
  // lands far above.
  REQUIRE(chi2 < 43.8);
}

namespace {

// Throws `balls` balls into the endpoints with `balancer`, each staying (a request that never
// finishes); returns the fullest endpoint's count.
std::uint64_t max_load(Balancer& balancer, std::uint32_t n, std::uint64_t balls,
                       std::uint64_t seed) {
  RandomStream random(seed);
  std::vector<std::uint64_t> load(n, 0);
  for (std::uint64_t b = 0; b < balls; ++b) {
    const PickResult r = balancer.pick(PickContext{0, &random});
    ++load[r.index];
    balancer.on_start(r.endpoint);
  }
  return *std::max_element(load.begin(), load.end());
}

}  // namespace

TEST_CASE("least request d=2 keeps the maximum load far below random's on 1000 endpoints",
          "[balancing][least_request]") {
  constexpr std::uint32_t n = 1000;
  constexpr std::uint64_t balls = 10 * n;  // mean load 10
  for (std::uint64_t seed : {1, 2, 3}) {
    RandomBalancer random;
    random.update(endpoints(n));
    LeastRequestBalancer p2c(LeastRequestConfig{2});
    p2c.update(endpoints(n));
    const std::uint64_t random_max = max_load(random, n, balls, seed);
    const std::uint64_t p2c_max = max_load(p2c, n, balls, seed);
    INFO("seed " << seed << ": random max " << random_max << ", p2c max " << p2c_max);
    // Theory: random's excess over the mean grows like sqrt(2·10·ln n) ≈ 12, d = 2's like
    // ln ln n / ln 2 ≈ 3.
    REQUIRE(random_max >= 18);
    REQUIRE(p2c_max <= 14);
    REQUIRE((p2c_max - 10) * 2 < random_max - 10);
  }
}

TEST_CASE("least request: in-flight counts steer picks and survive an update",
          "[balancing][least_request]") {
  LeastRequestBalancer lr(LeastRequestConfig{2});
  lr.update(endpoints(2));
  const ServiceEndpoint busy = lr.endpoints()[0];
  for (int i = 0; i < 3; ++i) lr.on_start(busy);
  // The busy endpoint wins only when both draws land on it: probability 1/4.
  RandomStream random(5);
  int to_busy = 0;
  for (int i = 0; i < 4000; ++i) to_busy += lr.pick(PickContext{0, &random}).index == 0 ? 1 : 0;
  REQUIRE(to_busy / 4000.0 == Approx(0.25).margin(0.03));

  lr.update(testing::endpoints(3));  // instance 0 stays: its 3 in flight stay too
  REQUIRE(lr.load_at(0).in_flight == 3);
  REQUIRE(lr.load_at(2).in_flight == 0);
  for (int i = 0; i < 3; ++i) lr.on_finish(busy, std::chrono::milliseconds(1), true);
  REQUIRE(lr.load_at(0).in_flight == 0);
  lr.on_finish(busy, std::chrono::milliseconds(1), true);  // never below zero
  REQUIRE(lr.load_at(0).in_flight == 0);
}

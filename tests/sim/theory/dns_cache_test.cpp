#include "sim/theory/dns_cache.h"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>

using discolab::theory::DnsCacheModel;
using discolab::theory::held_fraction;
using discolab::theory::stale_answers_per_change;
using discolab::theory::view_delay_mean_s;

namespace {

// The model simulated directly (not the formula): Poisson lookups refill an expired cache and
// hold it T; Poisson changes; a hit is stale when a change fell after the fill. Returns stale
// answers per change and the mean delay from a change to the next fill.
struct MonteCarlo {
  double per_change = 0.0;
  double delay_mean = 0.0;
};
MonteCarlo simulate(const DnsCacheModel& m, double horizon) {
  boost::random::mt19937_64 rng(42);
  boost::random::exponential_distribution<double> lookup(m.lookup_rate);
  boost::random::exponential_distribution<double> change(m.change_rate);
  double next_lookup = lookup(rng);
  double next_change = change(rng);
  double expires = -1.0;  // cache empty
  double filled = 0.0;
  double last_change = -1.0;
  std::uint64_t stale = 0;
  std::uint64_t changes = 0;
  double delay_sum = 0.0;
  std::vector<double> unseen;  // changes not yet fetched
  while (next_lookup < horizon || next_change < horizon) {
    if (next_change < next_lookup) {
      ++changes;
      last_change = next_change;
      unseen.push_back(next_change);
      next_change += change(rng);
      continue;
    }
    const double t = next_lookup;
    if (t < expires) {
      if (last_change > filled) ++stale;
    } else {
      filled = t;
      expires = t + m.ttl_s;
      for (double c : unseen) delay_sum += t - c;
      unseen.clear();
    }
    next_lookup += lookup(rng);
  }
  const double seen = static_cast<double>(changes - unseen.size());
  return {static_cast<double>(stale) / changes, delay_sum / seen};
}

}  // namespace

TEST_CASE("dns cache: no TTL, no stale answer") {
  CHECK(stale_answers_per_change({0.0, 3.0, 0.1}) == 0.0);
  CHECK(stale_answers_per_change({0.0, 3.0, 0.0}) == 0.0);
}

TEST_CASE("dns cache: isolated changes give P(held) times rT/2") {
  for (double t : {0.5, 5.0, 30.0}) {
    for (double r : {0.1, 2.0, 50.0}) {
      const DnsCacheModel m{t, r, 0.0};
      const double held = t / (t + 1.0 / r);
      CHECK(held_fraction(m) == Approx(held));
      CHECK(stale_answers_per_change(m) == Approx(held * r * t / 2.0));
      // a tiny change rate is continuous with the limit
      CHECK(stale_answers_per_change({t, r, 1e-9}) == Approx(held * r * t / 2.0).epsilon(1e-6));
    }
  }
}

TEST_CASE("dns cache: many lookups give rT/2 per change") {
  const double t = 5.0;
  const double r = 1e6;
  CHECK(stale_answers_per_change({t, r, 0.0}) / (r * t / 2.0) == Approx(1.0).epsilon(1e-5));
}

TEST_CASE("dns cache: frequent changes share stale answers, fewer per change") {
  const double base = stale_answers_per_change({5.0, 2.0, 0.0});
  CHECK(stale_answers_per_change({5.0, 2.0, 0.1}) < base);
  // λ → ∞: every hit is stale, r·T per cycle spread over λ(T + 1/r) changes
  const double lambda = 1e7;
  CHECK(stale_answers_per_change({5.0, 2.0, lambda}) * lambda ==
        Approx(2.0 * 5.0 / (5.0 + 0.5)).epsilon(1e-4));
}

TEST_CASE("dns cache: the closed forms agree with the model simulated directly") {
  for (const DnsCacheModel m : {DnsCacheModel{5.0, 2.0, 0.1}, DnsCacheModel{2.0, 0.5, 0.02},
                                DnsCacheModel{10.0, 5.0, 0.3}}) {
    const MonteCarlo mc = simulate(m, 2e6 / m.change_rate / 100.0);
    CHECK(mc.per_change == Approx(stale_answers_per_change(m)).epsilon(0.02));
    CHECK(mc.delay_mean == Approx(view_delay_mean_s(m)).epsilon(0.02));
  }
}

TEST_CASE("dns cache: bad parameters are refused") {
  CHECK_THROWS_AS(stale_answers_per_change({5.0, 0.0, 0.1}), std::invalid_argument);
  CHECK_THROWS_AS(stale_answers_per_change({-1.0, 1.0, 0.1}), std::invalid_argument);
  CHECK_THROWS_AS(view_delay_mean_s({1.0, 1.0, -0.1}), std::invalid_argument);
}

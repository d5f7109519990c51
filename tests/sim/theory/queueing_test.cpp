#include "sim/theory/queueing.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace {

using namespace discolab::theory;

// Erlang C from its textbook form, independent of the Erlang B recursion:
// C = (a^c/c!)·c/(c − a) / (Σ_{k<c} a^k/k! + (a^c/c!)·c/(c − a)).
double erlang_c_direct(int c, double a) {
  double term = 1.0, sum = 0.0;  // a^k/k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);
  return top / (sum + top);
}

}  // namespace

TEST_CASE("M/M/1 mean sojourn time is 1/(μ − λ)", "[theory]") {
  CHECK(mm1_mean_sojourn(0.5, 1.0) == Approx(2.0));
  CHECK(mm1_mean_sojourn(90.0, 100.0) == Approx(0.1));
  CHECK_THROWS(mm1_mean_sojourn(1.0, 1.0));
}

TEST_CASE("Erlang C with one server is the utilisation, and M/M/1 follows", "[theory]") {
  for (double rho : {0.1, 0.5, 0.9}) {
    CHECK(erlang_c(1, rho) == Approx(rho));
    CHECK(mmc_mean_sojourn(1, rho * 3.0, 3.0) == Approx(mm1_mean_sojourn(rho * 3.0, 3.0)));
    CHECK(mmc_mean_wait(1, rho, 1.0) == Approx(rho / (1.0 - rho)));
  }
}

TEST_CASE("Erlang C matches its textbook form and the two-server closed form", "[theory]") {
  for (int c : {2, 5, 10, 50}) {
    for (double load : {0.3, 0.7, 0.95}) {
      CAPTURE(c, load);
      CHECK(erlang_c(c, load * c) == Approx(erlang_c_direct(c, load * c)).epsilon(1e-9));
    }
  }
  // c = 2: C = 2ρ²/(1 + ρ).
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0));
  CHECK(erlang_c(2, 1.8) == Approx(2 * 0.81 / 1.9));
  // M/M/2 at ρ = 0.5, μ = 1: wait = C/(2 − 1) = 1/3, sojourn 4/3.
  CHECK(mmc_mean_sojourn(2, 1.0, 1.0) == Approx(4.0 / 3.0));
  CHECK_THROWS(erlang_c(4, 4.0));
}

TEST_CASE("the supermarket fixed point: tails, d = 1 is M/M/1, and the sum", "[theory]") {
  CHECK(supermarket_tail(0.9, 2, 0) == 1.0);
  CHECK(supermarket_tail(0.9, 2, 1) == Approx(0.9));
  CHECK(supermarket_tail(0.9, 2, 2) == Approx(std::pow(0.9, 3)));   // λ^(d+1)
  CHECK(supermarket_tail(0.9, 3, 3) == Approx(std::pow(0.9, 13)));  // 1 + 3 + 9
  CHECK(supermarket_tail(0.5, 1, 4) == Approx(std::pow(0.5, 4)));
  CHECK(supermarket_mean_sojourn(0.5, 1) == Approx(2.0));
  CHECK(supermarket_mean_sojourn(0.9, 1) == Approx(10.0));
  for (int d : {2, 3}) {
    for (double lambda : {0.5, 0.9, 0.99}) {
      // Σ_{i≥1} λ^((d^i − d)/(d − 1)), summed here term by term.
      double sum = 0.0;
      for (int i = 1; i < 30; ++i) sum += std::pow(lambda, (std::pow(d, i) - d) / (d - 1));
      CAPTURE(d, lambda);
      CHECK(supermarket_mean_sojourn(lambda, d) == Approx(sum).epsilon(1e-12));
    }
  }
  // More choices, shorter queues; all of them far below random routing.
  CHECK(supermarket_mean_sojourn(0.9, 3) < supermarket_mean_sojourn(0.9, 2));
  CHECK(supermarket_mean_sojourn(0.9, 2) < 0.3 * supermarket_mean_sojourn(0.9, 1));
}

TEST_CASE("JSQ: one server is M/M/1, and n servers lie between M/M/n and M/M/1", "[theory]") {
  CHECK(jsq_mean_sojourn(0.5, 1) == Approx(2.0).epsilon(1e-7));
  CHECK(jsq_mean_sojourn(0.9, 1) == Approx(10.0).epsilon(1e-7));
  for (int n : {2, 3}) {
    for (double lambda : {0.5, 0.8}) {
      CAPTURE(n, lambda);
      const double jsq = jsq_mean_sojourn(lambda, n);
      CHECK(jsq > mmc_mean_sojourn(n, lambda * n, 1.0));
      CHECK(jsq < mm1_mean_sojourn(lambda, 1.0));  // better than random routing
      // The automatic truncation is past where it matters: a longer one changes nothing.
      CHECK(jsq == Approx(jsq_mean_sojourn(lambda, n, 80)).epsilon(1e-7));
    }
  }
  CHECK(jsq_mean_sojourn(0.8, 3) < jsq_mean_sojourn(0.8, 2));  // more servers to choose from
  // A shorter truncation loses arrivals and shortens queues: the value falls.
  CHECK(jsq_mean_sojourn(0.8, 2, 5) < jsq_mean_sojourn(0.8, 2));
}

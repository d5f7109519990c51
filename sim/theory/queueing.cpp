#include "sim/theory/queueing.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace discolab::theory {

namespace {
void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("theory: ") + what);
}
}  // namespace

double mm1_mean_sojourn(double lambda, double mu) {
  require(lambda >= 0 && mu > lambda, "M/M/1 needs 0 <= lambda < mu");
  return 1.0 / (mu - lambda);
}

double erlang_c(int c, double offered_load) {
  require(c >= 1 && offered_load >= 0 && offered_load < c, "Erlang C needs 0 <= a < c");
  double b = 1.0;  // Erlang B with 0 servers
  for (int k = 1; k <= c; ++k) b = offered_load * b / (k + offered_load * b);
  return c * b / (c - offered_load * (1.0 - b));
}

double mmc_mean_wait(int c, double lambda, double mu) {
  require(mu > 0, "M/M/c needs mu > 0");
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

double mmc_mean_sojourn(int c, double lambda, double mu) {
  return mmc_mean_wait(c, lambda, mu) + 1.0 / mu;
}

double supermarket_tail(double lambda, int d, int i) {
  require(d >= 1 && i >= 0 && lambda >= 0 && lambda < 1, "supermarket needs d >= 1, 0 <= λ < 1");
  if (i == 0) return 1.0;
  // (d^i − 1)/(d − 1) = 1 + d + … + d^(i−1), which is i for d = 1.
  double exponent = 0.0, power = 1.0;
  for (int k = 0; k < i; ++k) {
    exponent += power;
    power *= d;
  }
  return std::pow(lambda, exponent);
}

double supermarket_mean_sojourn(double lambda, int d) {
  require(lambda > 0, "supermarket needs λ > 0");
  if (d == 1) return 1.0 / (1.0 - lambda);
  double sum = 0.0;
  for (int i = 1;; ++i) {
    const double s = supermarket_tail(lambda, d, i);
    sum += s;
    if (s < 1e-17 * sum) break;
  }
  return sum / lambda;
}

double jsq_mean_sojourn(double lambda, int n, int max_queue) {
  require(n >= 1 && max_queue >= 0 && lambda > 0 && lambda < 1, "JSQ needs n >= 1, 0 < λ < 1");
  if (max_queue == 0)
    max_queue = std::max(8, static_cast<int>(std::ceil(std::log(1e-9) / (n * std::log(lambda)))));
  const auto base = static_cast<std::uint64_t>(max_queue + 1);
  // Every sorted vector q_0 ≤ q_1 ≤ … ≤ q_{n−1} of queue lengths in [0, max_queue], in
  // lexicographic order; its code Σ q_j·base^j finds it again by binary search.
  std::vector<int> states;  // n per state
  std::vector<int> q(static_cast<std::size_t>(n), 0);
  for (;;) {
    states.insert(states.end(), q.begin(), q.end());
    int j = n - 1;
    while (j >= 0 && q[static_cast<std::size_t>(j)] == max_queue) --j;
    if (j < 0) break;
    const int v = q[static_cast<std::size_t>(j)] + 1;
    for (int k = j; k < n; ++k) q[static_cast<std::size_t>(k)] = v;
  }
  const std::size_t count = states.size() / static_cast<std::size_t>(n);
  auto code = [&](const int* s) {
    std::uint64_t c = 0;
    for (int j = n - 1; j >= 0; --j) c = c * base + static_cast<std::uint64_t>(s[j]);
    return c;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> index(count);
  for (std::size_t i = 0; i < count; ++i)
    index[i] = {code(&states[i * static_cast<std::size_t>(n)]), static_cast<std::uint32_t>(i)};
  std::sort(index.begin(), index.end());
  auto find = [&](const std::vector<int>& s) {
    const std::uint64_t c = code(s.data());
    auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(c, std::uint32_t{0}));
    return it->second;
  };
  // Transitions (rates in units of the service rate): an arrival (rate λn) joins a shortest
  // queue — the last of the equal shortest ones keeps the vector sorted; a departure from each
  // busy server (rate 1), from the first queue of each length keeps it sorted.
  struct Edge {
    std::uint32_t from;
    double rate;
  };
  std::vector<std::vector<Edge>> incoming(count);
  std::vector<double> out_rate(count, 0.0);
  const double arrival = lambda * n;
  std::vector<int> next(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < count; ++i) {
    const int* s = &states[i * static_cast<std::size_t>(n)];
    if (s[0] < max_queue) {
      next.assign(s, s + n);
      int j = 0;
      while (j + 1 < n && s[j + 1] == s[0]) ++j;
      ++next[static_cast<std::size_t>(j)];
      incoming[find(next)].push_back({static_cast<std::uint32_t>(i), arrival});
      out_rate[i] += arrival;
    }
    for (int j = 0; j < n;) {
      int k = j;
      while (k < n && s[k] == s[j]) ++k;
      if (s[j] > 0) {
        next.assign(s, s + n);
        --next[static_cast<std::size_t>(j)];
        incoming[find(next)].push_back({static_cast<std::uint32_t>(i), double(k - j)});
        out_rate[i] += k - j;
      }
      j = k;
    }
  }
  // Gauss–Seidel on the balance equations π_j · out_j = Σ_i π_i · rate(i → j).
  std::vector<double> pi(count, 1.0 / static_cast<double>(count));
  double previous = -1.0, mean_n = 0.0, throughput = 0.0;
  for (int sweep = 0; sweep < 1000000; ++sweep) {
    for (std::size_t j = 0; j < count; ++j) {
      double in = 0.0;
      for (const Edge& e : incoming[j]) in += pi[e.from] * e.rate;
      pi[j] = in / out_rate[j];
    }
    double total = 0.0;
    for (double p : pi) total += p;
    mean_n = 0.0;
    throughput = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
      pi[i] /= total;
      const int* s = &states[i * static_cast<std::size_t>(n)];
      for (int j = 0; j < n; ++j) mean_n += pi[i] * s[j];
      if (s[0] < max_queue) throughput += pi[i] * arrival;
    }
    if (std::abs(mean_n - previous) <= 1e-11 * mean_n) break;
    previous = mean_n;
  }
  return mean_n / throughput;  // Little's law over the accepted arrivals
}

}  // namespace discolab::theory

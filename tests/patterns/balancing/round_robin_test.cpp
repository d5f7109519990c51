// Round robin, weighted round robin and DNS rotation: the cursor-driven policies.
#include "patterns/balancing/round_robin.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <vector>

#include "patterns/balancing/dns_rotated.h"
#include "patterns/balancing/weighted_round_robin.h"
#include "tests/patterns/balancing/test_endpoints.h"

using namespace discolab;
using discolab::testing::endpoints;
using discolab::testing::endpoints_with_weights;

namespace {

std::vector<std::uint64_t> counts(Balancer& balancer, std::uint32_t n, std::uint64_t picks) {
  std::vector<std::uint64_t> c(n, 0);
  for (std::uint64_t i = 0; i < picks; ++i) ++c[balancer.pick(PickContext{}).index];
  return c;
}

}  // namespace

TEST_CASE("round robin: per-endpoint counts differ by at most one", "[balancing][round_robin]") {
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    for (std::uint32_t n : {1U, 2U, 7U, 100U}) {
      for (std::uint64_t picks : {1ULL, 13ULL, 1000ULL, 12345ULL}) {
        RoundRobinBalancer rr{RandomStream(seed)};
        rr.update(endpoints(n));
        const auto c = counts(rr, n, picks);
        const auto [lo, hi] = std::minmax_element(c.begin(), c.end());
        INFO("seed " << seed << " n " << n << " picks " << picks);
        REQUIRE(*hi - *lo <= 1);
      }
    }
  }
}

TEST_CASE("round robin: consecutive picks follow list order from a random start",
          "[balancing][round_robin]") {
  std::set<std::uint32_t> starts;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RoundRobinBalancer rr{RandomStream(seed)};
    rr.update(endpoints(10));
    const std::uint32_t first = rr.pick(PickContext{}).index;
    starts.insert(first);
    for (std::uint32_t k = 1; k < 25; ++k)
      REQUIRE(rr.pick(PickContext{}).index == (first + k) % 10);
  }
  REQUIRE(starts.size() >= 5);  // not everyone starts at the first endpoint
}

TEST_CASE("weighted round robin: shares are exact over every full cycle",
          "[balancing][weighted_round_robin]") {
  const std::vector<std::uint32_t> weights{1, 2, 3, 5, 5, 0};  // 0 counts as 1
  const std::uint64_t cycle = 1 + 2 + 3 + 5 + 5 + 1;
  for (std::uint64_t seed : {1, 2, 3}) {
    WeightedRoundRobinBalancer wrr{RandomStream(seed)};
    wrr.update(endpoints_with_weights(weights));
    for (int cycles = 1; cycles <= 3; ++cycles) {
      const auto c = counts(wrr, 6, cycle);
      REQUIRE(c == std::vector<std::uint64_t>{1, 2, 3, 5, 5, 1});
    }
  }
}

TEST_CASE("weighted round robin: weights are reduced by their gcd, equal weights are plain RR",
          "[balancing][weighted_round_robin]") {
  WeightedRoundRobinBalancer wrr{RandomStream(9)};
  wrr.update(endpoints_with_weights({200, 400}));
  REQUIRE(counts(wrr, 2, 3) == std::vector<std::uint64_t>{1, 2});  // cycle of 3, not 600

  wrr.update(endpoints_with_weights({3, 3, 3}));
  const auto c = counts(wrr, 3, 10);
  const auto [lo, hi] = std::minmax_element(c.begin(), c.end());
  REQUIRE(*hi - *lo <= 1);
}

TEST_CASE("weighted round robin: interleaved order over a cycle",
          "[balancing][weighted_round_robin]") {
  WeightedRoundRobinBalancer wrr{RandomStream(4)};
  wrr.update(endpoints_with_weights({1, 5, 1}));
  // Whatever the random start, the sequence is a rotation of B B B B B A C.
  std::vector<std::uint32_t> seq;
  for (int i = 0; i < 14; ++i) seq.push_back(wrr.pick(PickContext{}).index);
  const std::vector<std::uint32_t> cycle{1, 1, 1, 1, 1, 0, 2};
  bool is_rotation = false;
  for (std::size_t r = 0; r < cycle.size() && !is_rotation; ++r) {
    is_rotation = true;
    for (std::size_t i = 0; i < seq.size(); ++i) is_rotation &= seq[i] == cycle[(r + i) % 7];
  }
  REQUIRE(is_rotation);
}

TEST_CASE("dns rotation: each answer rotated by one from the first endpoint, retries in order",
          "[balancing][dns_rotated]") {
  DnsRotatedBalancer dns;
  dns.update(endpoints(4));
  const EndpointList a0 = dns.next_answer();
  const EndpointList a1 = dns.next_answer();
  REQUIRE(a0.size() == 4);
  for (std::uint32_t k = 0; k < 4; ++k) {
    REQUIRE(a0[k].instance == k);
    REQUIRE(a1[k].instance == (k + 1) % 4);
  }
  const PickResult first = dns.pick(PickContext{});
  REQUIRE(first.endpoint.instance == 2);
  REQUIRE(dns.in_answer_order(first, 1).endpoint.instance == 3);
  REQUIRE(dns.in_answer_order(first, 2).endpoint.instance == 0);
  dns.update(endpoints(3));  // a new answer set starts over
  REQUIRE(dns.pick(PickContext{}).endpoint.instance == 0);
}

TEST_CASE("dns rotation follows a list given in answer order: its first, then along it",
          "[balancing][dns_rotated]") {
  DnsRotatedBalancer dns;
  // A DNS answer rotated to begin at instance 2, as a server's round-robin gives it.
  auto answer = std::make_shared<EndpointList>();
  for (const std::uint32_t k : {2u, 3u, 0u, 1u}) answer->push_back((*endpoints(4))[k]);
  dns.update(answer);
  std::vector<InstanceId> picked;
  for (int k = 0; k < 5; ++k) picked.push_back(dns.pick(PickContext{}).endpoint.instance);
  REQUIRE(picked == std::vector<InstanceId>{2, 3, 0, 1, 2});
  REQUIRE(dns.endpoints().front().instance == 0);  // held sorted, as every balancer's list
}

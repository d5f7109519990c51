// Ring hash and Maglev: stable key placement and ~1/n movement when one endpoint leaves.
#include <catch2/catch.hpp>
#include <vector>

#include "patterns/balancing/maglev.h"
#include "patterns/balancing/ring_hash.h"
#include "tests/patterns/balancing/test_endpoints.h"

using namespace discolab;
using discolab::testing::endpoints;
using discolab::testing::endpoints_with_weights;
using discolab::testing::without;

namespace {

constexpr std::uint64_t kKeys = 100'000;

std::vector<InstanceId> placement(Balancer& b) {
  std::vector<InstanceId> owner(kKeys);
  for (std::uint64_t k = 0; k < kKeys; ++k)
    owner[k] = b.pick(PickContext{k, nullptr}).endpoint.instance;
  return owner;
}

struct Movement {
  double moved = 0;        // share of all keys whose endpoint changed
  double moved_other = 0;  // share of keys that moved although their endpoint stayed
  double owned_by_gone = 0;
};

Movement remove_one(Balancer& b, std::uint32_t n, InstanceId gone) {
  const EndpointListPtr all = endpoints(n);
  b.update(all);
  const auto before = placement(b);
  b.update(without(all, gone));
  const auto after = placement(b);
  Movement m;
  for (std::uint64_t k = 0; k < kKeys; ++k) {
    if (before[k] == gone) m.owned_by_gone += 1;
    if (before[k] != after[k]) {
      m.moved += 1;
      if (before[k] != gone) m.moved_other += 1;
    }
  }
  m.moved /= kKeys;
  m.moved_other /= kKeys;
  m.owned_by_gone /= kKeys;
  return m;
}

}  // namespace

TEST_CASE("ring hash moves only the leaving endpoint's keys, about 1/n", "[balancing][ring_hash]") {
  constexpr std::uint32_t n = 100;
  RingHashBalancer ring;  // Envoy's defaults: 1024 points at least
  REQUIRE(ring.ring_size() == 0);
  for (InstanceId gone : {0U, 37U, 99U}) {
    const Movement m = remove_one(ring, n, gone);
    INFO("gone " << gone << ": moved " << m.moved);
    REQUIRE(m.moved_other == 0);
    REQUIRE(m.moved == Approx(m.owned_by_gone));
    REQUIRE(m.moved >= 0.5 / n);
    REQUIRE(m.moved <= 2.0 / n);
  }
  REQUIRE(ring.ring_size() >= 1024);
}

TEST_CASE("maglev moves about 1/n of keys when one endpoint leaves", "[balancing][maglev]") {
  constexpr std::uint32_t n = 100;
  MaglevBalancer maglev;  // 65537 entries
  for (InstanceId gone : {0U, 37U, 99U}) {
    const Movement m = remove_one(maglev, n, gone);
    INFO("gone " << gone << ": moved " << m.moved << ", of others " << m.moved_other);
    REQUIRE(m.moved >= 0.5 / n);
    REQUIRE(m.moved <= 2.0 / n);
    // Maglev trades a little disruption beyond the leaver's own keys for even shares (the
    // paper's figure 10); it stays below the leaver's share.
    REQUIRE(m.moved_other < 1.0 / n);
  }
}

TEST_CASE("consistent hashing: a key's endpoint depends on the set, not on the history",
          "[balancing][ring_hash][maglev]") {
  RingHashBalancer ring;
  MaglevBalancer maglev(MaglevConfig{10007});
  for (Balancer* b : std::vector<Balancer*>{&ring, &maglev}) {
    b->update(endpoints(20));
    const auto first = placement(*b);
    b->update(endpoints(5));
    b->update(endpoints(20));
    REQUIRE(placement(*b) == first);
  }
}

TEST_CASE("consistent hashing: shares follow weights", "[balancing][ring_hash][maglev]") {
  RingHashBalancer ring(RingHashConfig{65536, 1 << 20});
  MaglevBalancer maglev;
  for (Balancer* b : std::vector<Balancer*>{&ring, &maglev}) {
    INFO(b->name());
    b->update(endpoints_with_weights({1, 1, 2, 4}));
    std::vector<double> share(4, 0);
    for (InstanceId owner : placement(*b)) share[owner] += 1.0 / kKeys;
    REQUIRE(share[0] == Approx(0.125).margin(0.02));
    REQUIRE(share[1] == Approx(0.125).margin(0.02));
    REQUIRE(share[2] == Approx(0.25).margin(0.03));
    REQUIRE(share[3] == Approx(0.5).margin(0.04));
  }
}

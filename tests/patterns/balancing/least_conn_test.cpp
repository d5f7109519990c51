#include "patterns/balancing/least_conn.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "patterns/balancing/factory.h"
#include "test_endpoints.h"

using namespace discolab;
using discolab::testing::endpoints;

TEST_CASE("least conn: every pick goes to an endpoint of fewest in flight, over all of them",
          "[balancing][least_conn]") {
  LeastConnBalancer lc;
  lc.update(endpoints(50));
  // Load every endpoint but one: a sample of d would usually miss the idle one; the scan does
  // not.
  for (std::uint32_t i = 0; i < 50; ++i) {
    if (i == 37) continue;
    for (std::uint32_t k = 0; k <= i % 3; ++k) lc.on_start(lc.endpoints()[i]);
  }
  PickContext ctx;  // no random stream: the policy draws nothing
  REQUIRE(lc.pick(ctx).index == 37);
  // Filling the picks one by one keeps the loads level: JSQ's balance.
  std::vector<std::uint32_t> load(50, 0);
  for (std::uint32_t i = 0; i < 50; ++i) load[i] = i == 37 ? 0 : 1 + i % 3;
  for (int k = 0; k < 300; ++k) {
    const PickResult r = lc.pick(ctx);
    const std::uint32_t least = *std::min_element(load.begin(), load.end());
    REQUIRE(load[r.index] == least);
    ++load[r.index];
    lc.on_start(r.endpoint);
  }
}

TEST_CASE("least conn: equally loaded endpoints take turns (HAProxy's round robin within a load)",
          "[balancing][least_conn]") {
  auto lc =
      make_balancer(BalancerConfig{BalancerKind::least_conn, {}, {}, {}, {}}, RandomStream(1));
  REQUIRE(lc->name() == "least-conn");
  lc->update(endpoints(4));
  std::vector<std::uint32_t> order;
  for (int k = 0; k < 8; ++k) {
    const PickResult r = lc->pick(PickContext{});
    order.push_back(r.index);
    lc->on_start(r.endpoint);
    lc->on_finish(r.endpoint, std::chrono::milliseconds(1), true);  // all idle again
  }
  REQUIRE(order == std::vector<std::uint32_t>{0, 1, 2, 3, 0, 1, 2, 3});
}

TEST_CASE("least conn: in-flight counts survive an update", "[balancing][least_conn]") {
  LeastConnBalancer lc;
  lc.update(endpoints(2));
  for (int i = 0; i < 2; ++i) lc.on_start(lc.endpoints()[0]);
  lc.on_start(lc.endpoints()[1]);
  lc.update(endpoints(3));  // instance 2 arrives idle; 0 and 1 keep their counts
  REQUIRE(lc.load_at(0).in_flight == 2);
  REQUIRE(lc.pick(PickContext{}).index == 2);
  lc.update(testing::without(endpoints(3), 2));
  REQUIRE(lc.pick(PickContext{}).index == 1);
}

// What every policy shares: the explicit no-endpoint result, sorting, names, bad settings.
#include <catch2/catch.hpp>
#include <set>

#include "patterns/balancing/factory.h"
#include "tests/patterns/balancing/test_endpoints.h"

using namespace discolab;
using discolab::testing::endpoints;

namespace {

std::unique_ptr<Balancer> make(BalancerKind kind) {
  BalancerConfig config;
  config.kind = kind;
  config.maglev.table_size = 251;
  return make_balancer(config, RandomStream(7), [] { return SimTime{0}; });
}

}  // namespace

TEST_CASE("every policy answers no_endpoint on an empty list, before and after updates",
          "[balancing]") {
  RandomStream random(1);
  for (int k = 0; k < kBalancerKindCount; ++k) {
    const auto kind = static_cast<BalancerKind>(k);
    INFO(to_string(kind));
    auto balancer = make(kind);
    REQUIRE(balancer->name() == to_string(kind));
    REQUIRE(balancer->pick(PickContext{1, &random}).status == PickStatus::no_endpoint);
    balancer->update(endpoints(5));
    const PickResult r = balancer->pick(PickContext{1, &random});
    REQUIRE(r.ok());
    REQUIRE(r.index < 5);
    REQUIRE(r.endpoint == balancer->endpoints()[r.index]);
    balancer->update(std::make_shared<EndpointList>());
    REQUIRE_FALSE(balancer->pick(PickContext{1, &random}).ok());
    balancer->update(nullptr);
    REQUIRE_FALSE(balancer->pick(PickContext{1, &random}).ok());
  }
}

TEST_CASE("an unsorted list is sorted by instance id before the picker is built", "[balancing]") {
  auto list = std::make_shared<EndpointList>(*endpoints(4));
  std::swap((*list)[0], (*list)[3]);
  auto balancer = make(BalancerKind::round_robin);
  balancer->update(list);
  for (std::uint32_t i = 0; i < 4; ++i) REQUIRE(balancer->endpoints()[i].instance == i);
  REQUIRE(balancer->picker().position_of(2) == 2U);
  REQUIRE_FALSE(balancer->picker().position_of(9).has_value());
}

TEST_CASE("kind names round-trip, bad settings are refused", "[balancing]") {
  for (int k = 0; k < kBalancerKindCount; ++k) {
    const auto kind = static_cast<BalancerKind>(k);
    REQUIRE(parse_balancer_kind(to_string(kind)) == kind);
  }
  REQUIRE_FALSE(parse_balancer_kind("fastest").has_value());

  BalancerConfig config;
  config.kind = BalancerKind::maglev;
  config.maglev.table_size = 65536;  // not prime
  REQUIRE_THROWS_AS(make_balancer(config, RandomStream(1)), std::invalid_argument);
  config.kind = BalancerKind::peak_ewma;
  REQUIRE_THROWS_AS(make_balancer(config, RandomStream(1)), std::invalid_argument);
}

TEST_CASE("policies that draw per pick refuse a context without a stream", "[balancing]") {
  for (auto kind : {BalancerKind::random, BalancerKind::least_request, BalancerKind::peak_ewma}) {
    auto balancer = make(kind);
    balancer->update(endpoints(3));
    REQUIRE_THROWS_AS(balancer->pick(PickContext{}), std::logic_error);
  }
}

TEST_CASE("feedback for endpoints no longer listed is ignored", "[balancing]") {
  RandomStream random(3);
  for (auto kind : {BalancerKind::least_request, BalancerKind::peak_ewma}) {
    auto balancer = make(kind);
    balancer->update(endpoints(3));
    const ServiceEndpoint gone{77, 1077, 0, 1, 0};
    balancer->on_start(gone);
    balancer->on_finish(gone, std::chrono::milliseconds(5), true);
    std::set<InstanceId> seen;
    for (int i = 0; i < 100; ++i)
      seen.insert(balancer->pick(PickContext{0, &random}).endpoint.instance);
    REQUIRE(seen == std::set<InstanceId>{0, 1, 2});
  }
}

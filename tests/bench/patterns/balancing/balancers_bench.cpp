// Pick cost and picker rebuild cost of every balancer at 10, 100, 1 000 and 10 000 endpoints.
//
// pick/<kind>/<n>: one Balancer::pick on a built picker, the hash key changing every pick so
// consistent hashing does not hit the same entry; least-request and peak-EWMA read their load
// vectors (no feedback in the loop). rebuild/<kind>/<n>: one update() with a list that differs
// from the current one by one endpoint, so load remapping and table building are both paid.
// The acceptance bound: a pick under 100 ns at 1 000 endpoints for every kind.
#include <benchmark/benchmark.h>

#include <memory>

#include "patterns/balancing/factory.h"

namespace {

using namespace discolab;

EndpointListPtr make_list(std::uint32_t n, std::uint32_t first_instance) {
  auto list = std::make_shared<EndpointList>();
  list->reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const InstanceId id = first_instance + i;
    list->push_back(ServiceEndpoint{id, id, id % 50, 1 + id % 3, 0});
  }
  return list;
}

std::unique_ptr<Balancer> make(BalancerKind kind) {
  BalancerConfig config;
  config.kind = kind;
  return make_balancer(config, RandomStream(1), [] { return SimTime{0}; });
}

void pick(benchmark::State& state, BalancerKind kind) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  auto balancer = make(kind);
  balancer->update(make_list(n, 0));
  RandomStream random(2);
  PickContext ctx{0, &random};
  for (auto _ : state) {
    ++ctx.hash_key;
    benchmark::DoNotOptimize(balancer->pick(ctx));
  }
  state.SetItemsProcessed(state.iterations());
}

void rebuild(benchmark::State& state, BalancerKind kind) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  auto balancer = make(kind);
  const EndpointListPtr lists[2] = {make_list(n, 0), make_list(n, 1)};
  std::size_t k = 0;
  for (auto _ : state) {
    balancer->update(lists[k ^= 1]);
    benchmark::ClobberMemory();
  }
}

const bool registered = [] {
  for (int k = 0; k < kBalancerKindCount; ++k) {
    const auto kind = static_cast<BalancerKind>(k);
    const std::string name(to_string(kind));
    benchmark::RegisterBenchmark(("pick/" + name).c_str(), pick, kind)
        ->RangeMultiplier(10)
        ->Range(10, 10'000);
  }
  for (int k = 0; k < kBalancerKindCount; ++k) {
    const auto kind = static_cast<BalancerKind>(k);
    const std::string name(to_string(kind));
    benchmark::RegisterBenchmark(("rebuild/" + name).c_str(), rebuild, kind)
        ->RangeMultiplier(10)
        ->Range(10, 10'000)
        ->Unit(benchmark::kMicrosecond);
  }
  return true;
}();

}  // namespace

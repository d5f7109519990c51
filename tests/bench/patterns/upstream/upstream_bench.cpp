// The data-plane cost of the shared upstream: one Upstream::choose (the pending test, the hash
// key draw, the balancer's pick, the avoid-tried check) and one try's feedback
// (try_started + try_finished), at 10, 100 and 1 000 endpoints, against the bare
// Balancer::pick of balancers_bench. choose/<kind>/<n>/<tried>: `tried` instances already
// tried (0: a first try; 1: a retry after one failure).
#include <benchmark/benchmark.h>

#include <memory>

#include "patterns/core/manual_runtime.h"
#include "patterns/upstream/upstream.h"

namespace {

using namespace discolab;

struct StaticSource final : EndpointSource {
  EndpointListPtr list;
  void start(SourceListener& l, SourceView) override { l.endpoints_changed(list); }
  void stop() override {}
  bool pending() const override { return false; }
  bool answered() const override { return true; }
  std::uint64_t errors() const override { return 0; }
  const EndpointListPtr& endpoints() const override { return list; }
};

std::unique_ptr<Upstream> make(ManualRuntime& rt, BalancerKind kind, std::uint32_t n) {
  auto source = std::make_unique<StaticSource>();
  auto list = std::make_shared<EndpointList>();
  for (std::uint32_t i = 0; i < n; ++i) list->push_back(ServiceEndpoint{i, i, i % 50, 1, 0});
  source->list = std::move(list);
  UpstreamConfig c;
  c.name = "client/bench";
  c.service = "web";
  c.balancer.kind = kind;
  auto up = std::make_unique<Upstream>(rt, 0, c, std::move(source));
  up->start();
  return up;
}

void choose(benchmark::State& state, BalancerKind kind) {
  ManualRuntime rt;
  auto up = make(rt, kind, static_cast<std::uint32_t>(state.range(0)));
  std::vector<InstanceId> tried;
  if (state.range(1) > 0) tried.push_back(0);
  for (auto _ : state) benchmark::DoNotOptimize(up->choose(Request{}, tried));
}

void feedback(benchmark::State& state, BalancerKind kind) {
  ManualRuntime rt;
  auto up = make(rt, kind, static_cast<std::uint32_t>(state.range(0)));
  const CallTarget target{3, 3};
  for (auto _ : state) {
    up->try_started(target);
    up->try_finished(target, std::chrono::milliseconds(2), true);
  }
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int n : {10, 100, 1000}) {
    for (int tried : {0, 1}) b->Args({n, tried});
  }
}

BENCHMARK_CAPTURE(choose, round_robin, BalancerKind::round_robin)->Apply(sizes);
BENCHMARK_CAPTURE(choose, least_request, BalancerKind::least_request)->Apply(sizes);
BENCHMARK_CAPTURE(feedback, least_request, BalancerKind::least_request)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000);

}  // namespace

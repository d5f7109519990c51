// Throughput of the collector's hot paths: a request's try and outcome, and a view update.
#include <benchmark/benchmark.h>

#include <vector>

#include "sim/metrics/metrics_collector.h"

using discolab::InstanceId;
using discolab::SimTime;
using discolab::metrics::MetricsCollector;

namespace {

constexpr InstanceId kInstances = 1000;

void make_ready(MetricsCollector& m) {
  for (InstanceId i = 0; i < kInstances; ++i) m.instance_ready(i, "web");
}

}  // namespace

static void BM_try_sent_and_request_done(benchmark::State& state) {
  SimTime now{};
  MetricsCollector m([&now] { return now; });
  make_ready(m);
  discolab::RequestOutcome outcome;
  outcome.ok = true;
  outcome.tries = 1;
  std::uint64_t k = 0;
  for (auto _ : state) {
    now += std::chrono::microseconds(10);  // 100 000 requests per simulated second
    m.try_sent(static_cast<InstanceId>(k % kInstances), 0);
    outcome.request_id = k;
    outcome.started = now - std::chrono::microseconds(1000 + k % 5000);
    outcome.finished = now;
    m.request_done(outcome);
    ++k;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_try_sent_and_request_done);

// A view of `range` members with one member swapped per update (an instance replaced).
static void BM_view_changed(benchmark::State& state) {
  SimTime now{};
  MetricsCollector m([&now] { return now; });
  make_ready(m);
  const auto size = static_cast<InstanceId>(state.range(0));
  std::vector<discolab::ViewId> views;
  for (int v = 0; v < 100; ++v) views.push_back(m.view_opened("proxy/host", "web"));
  std::vector<InstanceId> a;
  std::vector<InstanceId> b;
  for (InstanceId i = 0; i < size; ++i) a.push_back(i);
  b = a;
  b.back() = size;  // differs in the last member
  std::uint64_t k = 0;
  for (auto _ : state) {
    now += std::chrono::microseconds(10);
    m.view_changed(views[k % views.size()], (k / views.size()) % 2 == 0 ? a : b);
    ++k;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_view_changed)->Arg(10)->Arg(100)->Arg(999);

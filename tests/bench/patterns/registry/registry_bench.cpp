// Registry update costs: one catalog change alone, and one change fanned out by the server to
// N streaming watchers (each a RegistryWatcher applying the delta to its view), with the
// manual runtime delivering every message.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "patterns/registry/catalog.h"
#include "patterns/registry/registry_server.h"
#include "patterns/registry/registry_watcher.h"

using namespace discolab;
using namespace discolab::registry;
using namespace std::chrono_literals;

namespace {

RecordPtr make_record(InstanceId id, std::uint32_t weight) {
  auto r = std::make_shared<InstanceRecord>();
  r->id = id;
  r->service = "web";
  r->name = "web-" + std::to_string(id);
  r->endpoint = 1000 + id;
  r->weight = weight;
  return r;
}

// A changed record for an instance among `n` (the catalog keeps 3 minutes of deltas).
void BM_CatalogUpdate(benchmark::State& state) {
  const auto n = static_cast<InstanceId>(state.range(0));
  Catalog cat;
  for (InstanceId i = 0; i < n; ++i) cat.upsert(make_record(i, 1), 90s, 0s);
  std::vector<RecordPtr> a, b;
  for (InstanceId i = 0; i < n; ++i) {
    a.push_back(make_record(i, 1));
    b.push_back(make_record(i, 2));
  }
  SimTime now{0};
  std::uint64_t k = 0;
  for (auto _ : state) {
    now += 1ms;
    const InstanceId id = static_cast<InstanceId>(k % n);
    cat.upsert(((k / n) % 2 == 0) ? b[id] : a[id], 90s, now);
    ++k;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CatalogUpdate)->Arg(100)->Arg(1000)->Arg(10000);

// One registration change pushed to N watchers and applied by each.
void BM_WatchFanOut(benchmark::State& state) {
  const auto watchers = static_cast<std::size_t>(state.range(0));
  ManualRuntime rt(1, 1ms);
  RegistryServerConfig sc = RegistryServerConfig::etcd();
  sc.watch_progress_interval = 0s;
  RegistryServer server(rt, 0, sc);
  std::vector<std::unique_ptr<RegistryWatcher>> ws;
  for (std::size_t i = 0; i < watchers; ++i) {
    WatcherConfig c;
    c.name = "client/" + std::to_string(i);
    c.service = "web";
    c.stream_timeout = 0s;
    ws.push_back(
        std::make_unique<RegistryWatcher>(rt, static_cast<HostId>(1 + i), server.endpoint(), c));
    ws.back()->start();
  }
  const EndpointId writer = rt.open(1000000, "writer", [](const Message&) {});
  for (InstanceId i = 0; i < 10; ++i) {
    rt.send(Message{writer, server.endpoint(), 1400, Plane::control, DeliveryStatus::delivered,
                    RegisterRequest{i, "web", make_record(i, 1), 0s}});
  }
  rt.run_until(rt.now() + 10ms);
  const RecordPtr flip[2] = {make_record(0, 2), make_record(0, 1)};
  std::uint64_t k = 0;
  for (auto _ : state) {
    rt.send(Message{writer, server.endpoint(), 1400, Plane::control, DeliveryStatus::delivered,
                    RegisterRequest{k, "web", flip[k % 2], 0s}});
    rt.run_until(rt.now() + 10ms);
    ++k;
  }
  if (ws.front()->endpoints()->front().weight != flip[(k + 1) % 2]->weight) {
    state.SkipWithError("the watchers did not follow the updates");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(watchers));
  state.counters["watchers"] = static_cast<double>(watchers);
}
BENCHMARK(BM_WatchFanOut)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

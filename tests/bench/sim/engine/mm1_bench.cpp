// The cost of the engines, measured on an M/M/1 queue (docs/architecture.md, decision 2;
// docs/engines.md).
//
// Poisson arrivals (rate 0.8 / ms) to one FIFO server with exponential service (mean 1 ms).
// Through an engine, each request is an arrival timer, a request message to the server, a
// service-completion timer and a response message: four events. The hand-written loop is the
// floor: a std::priority_queue of (time, type) doubles, two events per request, no messages.
// Counter requests_per_s: simulated requests per wall-clock second (UseRealTime; on a busy
// machine compare the CPU column too). The fast engine must reach
// at least a quarter of the hand-written loop's rate. The last two benchmarks isolate the
// fast engine's cost per timer and per message (events_per_s).
#include <benchmark/benchmark.h>

#include <any>
#include <deque>
#include <functional>
#include <memory>
#include <queue>

#include "patterns/core/random.h"
#include "sim/engine/engine.h"

namespace {

using namespace discolab;

constexpr double kArrivalsPerS = 800.0;
constexpr double kServicePerS = 1000.0;
constexpr std::uint64_t kRequestsPerIteration = 100'000;

Platform two_hosts() {
  PlatformSpec spec;
  spec.topology = Topology::star;
  spec.hosts_per_rack = 2;
  return make_platform(spec);
}

// The M/M/1 model written against the Runtime, as pattern code would be.
class QueueModel {
 public:
  explicit QueueModel(Engine& e)
      : e_(e), arrivals_(e.random("client", "arrivals")), service_(e.random("server", "service")) {
    client_ = e.open(0, "client", [this](const Message&) { ++completed_; });
    server_ = e.open(1, "server", [this](const Message& m) { on_request(m); });
    e.schedule(Duration{0}, [this] { arrive(); });
  }
  std::uint64_t completed() const { return completed_; }

 private:
  void arrive() {
    Message m;
    m.from = client_;
    m.to = server_;
    m.size_bytes = 200;
    m.body = next_id_++;
    e_.send(std::move(m));
    e_.schedule(from_seconds(arrivals_.exponential(kArrivalsPerS)), [this] { arrive(); });
  }
  void on_request(const Message& m) {
    waiting_.push_back(std::any_cast<std::uint64_t>(m.body));
    if (!busy_) start_service();
  }
  void start_service() {
    busy_ = true;
    e_.schedule(from_seconds(service_.exponential(kServicePerS)), [this] { finish(); });
  }
  void finish() {
    Message m;
    m.from = server_;
    m.to = client_;
    m.size_bytes = 1000;
    m.body = waiting_.front();
    waiting_.pop_front();
    e_.send(std::move(m));
    busy_ = false;
    if (!waiting_.empty()) start_service();
  }

  Engine& e_;
  RandomStream arrivals_;
  RandomStream service_;
  EndpointId client_ = kNoEndpoint;
  EndpointId server_ = kNoEndpoint;
  std::deque<std::uint64_t> waiting_;
  bool busy_ = false;
  std::uint64_t next_id_ = 0;
  std::uint64_t completed_ = 0;
};

// Simulated time for about kRequestsPerIteration arrivals.
const Duration kSpan = from_seconds(static_cast<double>(kRequestsPerIteration) / kArrivalsPerS);

void BM_MM1_FastEngine(benchmark::State& state) {
  const Platform platform = two_hosts();
  std::uint64_t requests = 0;
  for (auto _ : state) {
    auto e = make_engine("fast", platform, 1);
    QueueModel model(*e);
    e->run_until(kSpan);
    requests += model.completed();
    benchmark::DoNotOptimize(e->events_processed());
  }
  state.counters["requests_per_s"] =
      benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MM1_FastEngine)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MM1_HandWrittenHeap(benchmark::State& state) {
  std::uint64_t requests = 0;
  for (auto _ : state) {
    RandomStream arrivals(1, "client", "arrivals");
    RandomStream service(1, "server", "service");
    enum : int { kArrival, kDeparture };
    using Event = std::pair<double, int>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    events.emplace(0.0, kArrival);
    const double end = to_seconds(kSpan);
    std::uint64_t waiting = 0;  // in the system, including the one in service
    while (!events.empty() && events.top().first <= end) {
      const auto [t, type] = events.top();
      events.pop();
      if (type == kArrival) {
        events.emplace(t + arrivals.exponential(kArrivalsPerS), kArrival);
        if (waiting++ == 0) events.emplace(t + service.exponential(kServicePerS), kDeparture);
      } else {
        ++requests;
        if (--waiting > 0) events.emplace(t + service.exponential(kServicePerS), kDeparture);
      }
    }
  }
  state.counters["requests_per_s"] =
      benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MM1_HandWrittenHeap)->Unit(benchmark::kMillisecond)->UseRealTime();

// One SimGrid engine per process: every iteration continues the same simulation for one more
// span, so this benchmark can run any number of iterations.
void BM_MM1_SimGridEngine(benchmark::State& state) {
  static const Platform platform = two_hosts();
  static std::unique_ptr<Engine> e = make_engine("simgrid", platform, 1);
  static QueueModel model(*e);
  const std::uint64_t before = model.completed();
  for (auto _ : state) e->run_until(e->now() + kSpan / 10);
  state.counters["requests_per_s"] = benchmark::Counter(
      static_cast<double>(model.completed() - before), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MM1_SimGridEngine)->Unit(benchmark::kMillisecond)->UseRealTime();

// A chain of timers, each scheduling the next: the cost of one timer event.
void BM_FastEngine_Timer(benchmark::State& state) {
  const Platform platform = two_hosts();
  auto e = make_engine("fast", platform, 1);
  std::function<void()> tick = [&] { e->schedule(std::chrono::microseconds(1), [&] { tick(); }); };
  e->schedule(Duration{0}, tick);
  const std::uint64_t before = e->events_processed();
  for (auto _ : state) e->run_until(e->now() + std::chrono::milliseconds(10));
  state.counters["events_per_s"] = benchmark::Counter(
      static_cast<double>(e->events_processed() - before), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FastEngine_Timer)->UseRealTime();

// Ping-pong between two hosts: the cost of one message (send, queue, deliver).
void BM_FastEngine_Message(benchmark::State& state) {
  const Platform platform = two_hosts();
  auto e = make_engine("fast", platform, 1);
  EndpointId a = kNoEndpoint;
  EndpointId b = kNoEndpoint;
  auto bounce = [&](const Message& m) {
    Message r;
    r.from = m.to;
    r.to = m.from;
    r.size_bytes = 100;
    e->send(std::move(r));
  };
  a = e->open(0, "a", bounce);
  b = e->open(1, "b", bounce);
  Message first;
  first.from = a;
  first.to = b;
  e->send(std::move(first));
  const std::uint64_t before = e->events_processed();
  for (auto _ : state) e->run_until(e->now() + std::chrono::milliseconds(10));
  state.counters["events_per_s"] = benchmark::Counter(
      static_cast<double>(e->events_processed() - before), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FastEngine_Message)->UseRealTime();

}  // namespace

// The runtime contract (runtime.h, message.h, engine.h), checked on both engines. Each
// TEMPLATE_TEST_CASE instance runs in its own process (catch_discover_tests), which the simgrid
// engine needs: one per process. No SECTIONs, for the same reason.
#include <any>
#include <catch2/catch.hpp>
#include <cmath>

#include "engine_test_support.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {

// The simgrid engine runs SimGrid's flow model, configured (CM02, no TCP window, no cross
// traffic) to match latency + size / bandwidth; allow it a 0.1% difference from the formula.
void check_time(std::string_view engine, Duration actual, Duration expected) {
  if (engine == "fast") {
    CHECK(actual == expected);
  } else {
    CHECK(std::abs(static_cast<double>((actual - expected).count())) <=
          1e-3 * static_cast<double>(expected.count()) + 2);
  }
}

struct Received {
  SimTime at{};
  Message msg;
};

// Opens an endpoint that records what it receives.
EndpointId recorder(Engine& e, HostId host, std::vector<Received>& into,
                    std::string_view component = "test") {
  return e.open(host, component, [&e, &into](const Message& m) { into.push_back({e.now(), m}); });
}

// Hand-computed from the test platform's spec, independently of Platform.
constexpr Duration kSameRack = 100us;   // two host links
constexpr Duration kCrossRack = 300us;  // two host links and two spine links
Duration at_10gbps(std::uint64_t bytes) {
  return Duration{static_cast<std::int64_t>(bytes * 8 / 10)};
}

}  // namespace

TEMPLATE_TEST_CASE("timers run in time order, FIFO at equal times, up to the end inclusive",
                   "[engine]", Fast, SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<std::pair<int, SimTime>> ran;
  auto mark = [&](int tag) { return [&, tag] { ran.emplace_back(tag, e->now()); }; };
  e->schedule(3ms, mark(3));
  e->schedule(1ms, mark(1));
  e->schedule(2ms, mark(20));
  e->schedule(2ms, mark(21));
  e->schedule(2ms, [&] {
    ran.emplace_back(22, e->now());
    e->schedule(0ms, mark(23));  // same time, after everything already due then
  });
  e->schedule(10ms, mark(10));
  e->schedule(11ms, mark(11));
  e->run_until(10ms);
  CHECK(e->now() == 10ms);
  const std::vector<std::pair<int, SimTime>> expected = {{1, 1ms},  {20, 2ms}, {21, 2ms}, {22, 2ms},
                                                         {23, 2ms}, {3, 3ms},  {10, 10ms}};
  CHECK(ran == expected);
  e->run_until(12ms);
  CHECK(ran.back() == std::pair<int, SimTime>{11, 11ms});
  CHECK(e->now() == 12ms);
  CHECK(e->events_processed() == 8);
  CHECK_THROWS_AS(e->run_until(11ms), std::invalid_argument);
  CHECK_THROWS_AS(e->schedule(-1ms, [] {}), std::invalid_argument);
}

TEMPLATE_TEST_CASE("a cancelled timer never runs, cancel of fired or unknown ids is false",
                   "[engine]", Fast, SimGrid) {
  auto e = make_test_engine<TestType>();
  int ran = 0;
  const TimerId a = e->schedule(1ms, [&] { ran += 1; });
  CHECK(a != kNoTimer);
  CHECK(e->cancel(a));
  CHECK_FALSE(e->cancel(a));
  TimerId later = kNoTimer;
  e->schedule(2ms, [&] { CHECK(e->cancel(later)); });  // cancels a timer due at the same time
  later = e->schedule(2ms, [&] { ran += 10; });
  const TimerId b = e->schedule(1ms, [&] { ran += 100; });
  e->run_until(5ms);
  CHECK(ran == 100);
  CHECK_FALSE(e->cancel(b));
  CHECK_FALSE(e->cancel(kNoTimer));
  CHECK_FALSE(e->cancel(0xdeadbeef));
  // A fresh timer reuses a slot: the stale id must not cancel it.
  const TimerId c = e->schedule(1ms, [&] { ran += 1000; });
  CHECK(c != a);
  CHECK(c != b);
  CHECK_FALSE(e->cancel(b));
  e->run_until(10ms);
  CHECK(ran == 1100);
}

TEMPLATE_TEST_CASE("an idle route delivers after latency plus size over bandwidth", "[engine]",
                   Fast, SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<Received> got;
  const EndpointId src = recorder(*e, 0, got);
  const EndpointId same_rack = recorder(*e, 1, got);
  const EndpointId cross_rack = recorder(*e, 2, got);
  const EndpointId same_host = recorder(*e, 0, got);
  // One at a time, so that none shares a link with another.
  e->schedule(0ms, [&] { e->send(msg(src, same_rack, 1'000'000)); });
  e->schedule(10ms, [&] { e->send(msg(src, cross_rack, 1'000'000)); });
  e->schedule(20ms, [&] { e->send(msg(src, cross_rack, 0)); });
  e->schedule(30ms, [&] { e->send(msg(src, cross_rack, 123)); });
  e->schedule(40ms, [&] { e->send(msg(src, same_host, 5'000'000)); });
  e->run_until(100ms);
  REQUIRE(got.size() == 5);
  check_time(e->name(), got[0].at, kSameRack + at_10gbps(1'000'000));
  check_time(e->name(), got[1].at, 10ms + kCrossRack + at_10gbps(1'000'000));
  CHECK(got[2].at == 20ms + kCrossRack);  // zero bytes: latency only, on both engines
  check_time(e->name(), got[3].at, 30ms + kCrossRack + Duration{98});  // 984 bits: 98.4 ns
  CHECK(got[4].at == 40ms + kLoopbackLatency);
  CHECK(got[1].msg.to == cross_rack);
  CHECK(got[1].msg.status == DeliveryStatus::delivered);
}

TEMPLATE_TEST_CASE("a message to a closed endpoint on an up host comes back refused", "[engine]",
                   Fast, SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<Received> at_sender;
  std::vector<Received> at_receiver;
  const EndpointId sender = recorder(*e, 0, at_sender);
  const EndpointId receiver = recorder(*e, 2, at_receiver);
  e->close(receiver);
  e->schedule(1ms, [&] {
    e->send(Message{sender, receiver, 1'000'000, Plane::control, DeliveryStatus::delivered,
                    std::any(42)});
  });
  e->run_until(50ms);
  CHECK(at_receiver.empty());
  REQUIRE(at_sender.size() == 1);
  const Message& back = at_sender[0].msg;
  CHECK(back.status == DeliveryStatus::refused);
  CHECK(back.from == sender);
  CHECK(back.to == receiver);
  CHECK(back.size_bytes == 1'000'000);
  CHECK(back.plane == Plane::control);
  CHECK(std::any_cast<int>(back.body) == 42);
  // There and back: the message's trip, then the reset's bare latency.
  check_time(e->name(), at_sender[0].at, 1ms + kCrossRack + at_10gbps(1'000'000) + kCrossRack);
  CHECK(e->messages_refused() == 1);
}

TEMPLATE_TEST_CASE("messages to or from a down host are dropped silently", "[engine]", Fast,
                   SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<Received> got;
  const EndpointId a = recorder(*e, 0, got);
  const EndpointId b = recorder(*e, 2, got);
  const EndpointId closed_on_down_host = recorder(*e, 3, got);
  e->close(closed_on_down_host);
  e->set_host_up(3, false);
  CHECK_FALSE(e->host_up(3));
  e->set_host_up(0, false);
  e->send(msg(a, b, 1000));  // from a down host: dropped at the send, not counted
  e->set_host_up(0, true);
  e->send(msg(b, closed_on_down_host, 1000));  // to a down host: no refusal either
  e->send(msg(a, 12345, 1000));                // to an unknown endpoint
  e->send(msg(777, a, 1000));                  // from an unknown endpoint
  e->run_until(10ms);
  CHECK(got.empty());
  CHECK(e->messages_dropped() == 3 + 1);
  CHECK(e->traffic("test", Plane::data).messages == 2);
  CHECK_THROWS_AS(e->set_host_up(99, false), std::out_of_range);
  CHECK_THROWS_AS(e->open(99, "test", [](const Message&) {}), std::out_of_range);
  CHECK(e->host_of(12345) == kNoHost);
  CHECK(e->host_of(b) == 2);
}

TEMPLATE_TEST_CASE("a host that fails while a message is in flight loses it, even if back up",
                   "[engine]", Fast, SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<Received> got;
  const EndpointId a = recorder(*e, 0, got);
  const EndpointId b = recorder(*e, 2, got);
  e->send(msg(a, b, 1'000'000));  // arrives at 1.1 ms unless lost
  e->schedule(500us, [&] { e->set_host_up(2, false); });
  e->schedule(600us, [&] { e->set_host_up(2, true); });
  e->schedule(700us, [&] { e->send(msg(b, a, 1'000'000)); });  // source fails meanwhile
  e->schedule(800us, [&] { e->set_host_up(2, false); });
  e->schedule(900us, [&] { e->set_host_up(2, true); });
  e->schedule(5ms, [&] { e->send(msg(a, b, 10)); });  // after recovery: delivered
  e->run_until(20ms);
  REQUIRE(got.size() == 1);
  CHECK(got[0].msg.size_bytes == 10);
  CHECK(e->messages_dropped() == 2);
}

TEMPLATE_TEST_CASE("traffic is counted per sending component and plane", "[engine]", Fast,
                   SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<Received> got;
  const EndpointId registry = recorder(*e, 1, got, "registry");
  const EndpointId client = recorder(*e, 0, got, "client");
  e->send(msg(client, registry, 300, Plane::control));
  e->send(msg(client, registry, 200, Plane::control));
  e->send(msg(client, registry, 7, Plane::data));
  e->send(msg(registry, client, 1000, Plane::control));
  e->close(registry);
  e->send(msg(registry, client, 50, Plane::control));  // closed sender: not counted
  e->run_until(10ms);
  CHECK(got.size() == 4);
  CHECK(e->traffic("client", Plane::control).messages == 2);
  CHECK(e->traffic("client", Plane::control).bytes == 500);
  CHECK(e->traffic("client", Plane::data).bytes == 7);
  CHECK(e->traffic("registry", Plane::control).messages == 1);
  CHECK(e->traffic("nobody", Plane::control).messages == 0);
  const auto all = e->all_traffic();
  REQUIRE(all.size() == 3);
  CHECK(all[0].component == "client");
  CHECK(all[0].plane == Plane::data);
  CHECK(all[1].plane == Plane::control);
  CHECK(all[2].component == "registry");
  CHECK(all[2].traffic.bytes == 1000);
}

TEMPLATE_TEST_CASE("handlers may open and close endpoints, their own included", "[engine]", Fast,
                   SimGrid) {
  auto e = make_test_engine<TestType>();
  std::vector<Received> got;
  const EndpointId sink = recorder(*e, 1, got);
  EndpointId self = kNoEndpoint;
  auto owned = std::make_shared<int>(5);
  self = e->open(0, "test", [&, owned](const Message&) {
    e->close(self);
    for (int i = 0; i < 100; ++i) e->open(0, "more", [](const Message&) {});
    e->send(msg(self, sink, 1));  // after close: dropped
    got.push_back({e->now(), msg(kNoEndpoint, kNoEndpoint, static_cast<std::uint32_t>(*owned))});
  });
  e->send(msg(sink, self, 1));
  e->send(msg(sink, self, 1));  // the second finds it closed: refused back to the sink
  e->run_until(10ms);
  REQUIRE(got.size() == 2);
  CHECK(got[0].msg.size_bytes == 5);
  CHECK(got[1].msg.status == DeliveryStatus::refused);
}

TEMPLATE_TEST_CASE("an exception in a callback leaves run_until", "[engine]", Fast, SimGrid) {
  auto e = make_test_engine<TestType>();
  e->schedule(1ms, [] { throw std::runtime_error("boom"); });
  CHECK_THROWS_WITH(e->run_until(5ms), "boom");
}

TEST_CASE("the fast engine gives the same trace for the same seed, another for another seed") {
  auto first = make_test_engine<Fast>(11);
  auto second = make_test_engine<Fast>(11);
  auto other = make_test_engine<Fast>(12);
  const auto trace = run_workload(*first);
  CHECK(trace.size() > 50);
  CHECK(trace == run_workload(*second));
  CHECK(trace != run_workload(*other));
}

TEST_CASE("make_engine names the engines and rejects other names") {
  const Platform p = small_leaf_spine();
  CHECK(make_engine("fast", p, 1)->name() == "fast");
  CHECK_THROWS_WITH(make_engine("ns3", p, 1), Catch::Contains("unknown engine \"ns3\""));
}

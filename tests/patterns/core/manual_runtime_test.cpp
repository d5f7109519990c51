#include "patterns/core/manual_runtime.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "patterns/core/data_plane.h"

using namespace discolab;
using namespace std::chrono_literals;

TEST_CASE("timers fire in time order, FIFO at equal times", "[runtime][timers]") {
  ManualRuntime rt;
  std::vector<std::string> fired;
  rt.schedule(2s, [&] { fired.push_back("b@2"); });
  rt.schedule(1s, [&] { fired.push_back("a@1"); });
  rt.schedule(2s, [&] { fired.push_back("c@2"); });
  rt.advance(1500ms);
  REQUIRE(fired == std::vector<std::string>{"a@1"});
  REQUIRE(rt.now() == 1500ms);
  rt.advance(500ms);
  REQUIRE(fired == std::vector<std::string>{"a@1", "b@2", "c@2"});
}

TEST_CASE("a cancelled timer never fires", "[runtime][timers]") {
  ManualRuntime rt;
  int fired = 0;
  const TimerId keep = rt.schedule(1s, [&] { ++fired; });
  const TimerId drop = rt.schedule(1s, [&] { fired += 100; });
  REQUIRE(keep != kNoTimer);
  REQUIRE(rt.cancel(drop));
  REQUIRE_FALSE(rt.cancel(drop));  // second cancel is a no-op
  rt.advance(2s);
  REQUIRE(fired == 1);
  REQUIRE_FALSE(rt.cancel(keep));  // already fired
}

TEST_CASE("a timer can cancel another due at the same instant", "[runtime][timers]") {
  ManualRuntime rt;
  int fired = 0;
  TimerId second = kNoTimer;
  rt.schedule(1s, [&] { rt.cancel(second); });
  second = rt.schedule(1s, [&] { ++fired; });
  rt.advance(1s);
  REQUIRE(fired == 0);
}

TEST_CASE("messages arrive after the delay, closed endpoints refuse, down hosts drop",
          "[runtime][messages]") {
  ManualRuntime rt(1, 5ms);
  std::vector<std::string> log;
  const EndpointId server = rt.open(1, "instance", [&](const Message& m) {
    log.push_back("server got " + std::to_string(std::any_cast<RequestMsg>(m.body).try_id));
  });
  const EndpointId client = rt.open(0, "client", [&](const Message& m) {
    log.push_back(m.status == DeliveryStatus::refused ? "refused" : "reply");
  });
  rt.send(Message{client, server, kRequestBytes, Plane::data, DeliveryStatus::delivered,
                  RequestMsg{1}});
  rt.advance(4ms);
  REQUIRE(log.empty());
  rt.advance(1ms);
  REQUIRE(log == std::vector<std::string>{"server got 1"});

  rt.close(server);
  rt.send(Message{client, server, kRequestBytes, Plane::data, DeliveryStatus::delivered,
                  RequestMsg{2}});
  rt.advance(10ms);  // there and back
  REQUIRE(log.back() == "refused");

  rt.set_host_up(1, false);
  const auto before = log.size();
  rt.send(Message{client, server, kRequestBytes, Plane::data, DeliveryStatus::delivered,
                  RequestMsg{3}});
  rt.advance(1s);
  REQUIRE(log.size() == before);
  REQUIRE(rt.dropped() == 1);
}

TEST_CASE("control-plane traffic is counted per sending component", "[runtime][messages]") {
  ManualRuntime rt;
  const EndpointId a = rt.open(0, "registry", [](const Message&) {});
  const EndpointId b = rt.open(1, "client", [](const Message&) {});
  rt.send(Message{a, b, 300, Plane::control, DeliveryStatus::delivered, {}});
  rt.send(Message{a, b, 200, Plane::control, DeliveryStatus::delivered, {}});
  rt.send(Message{b, a, 999, Plane::data, DeliveryStatus::delivered, {}});
  REQUIRE(rt.traffic("registry").messages == 2);
  REQUIRE(rt.traffic("registry").bytes == 500);
  REQUIRE(rt.traffic("client").messages == 0);
  REQUIRE(rt.traffic("client", Plane::data).bytes == 999);
}

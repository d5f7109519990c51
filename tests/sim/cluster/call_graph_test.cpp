// The service call graph at an instance: its callers come and go with its process, its calls
// go out in order or at once, and its answer waits for them (sim/cluster/instance_calls.h).
#include <catch2/catch.hpp>
#include <optional>

#include "cluster_fixture.h"
#include "patterns/core/data_plane.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {

struct Counter final : Observer {
  std::map<std::string, std::uint64_t> counts;
  ViewId view_opened(std::string_view, std::string_view) override { return 0; }
  void view_changed(ViewId, std::span<const InstanceId>) override {}
  void view_closed(ViewId) override {}
  void try_sent(InstanceId, CallerTag) override {}
  void request_done(const RequestOutcome&) override {}
  void count(std::string_view name, std::uint64_t d) override { counts[std::string(name)] += d; }
};

Scenario graph(CallMode mode, CallFailure on_failure) {
  Scenario sc;
  ServiceSpec web = make_service("web", 1);
  web.service_time.distribution = ServiceTimeDistribution::constant;
  web.service_time.mean = 5ms;
  web.call_mode = mode;
  web.on_call_failure = on_failure;
  web.calls = {CallSpec{"api", 1.0, 200ms, 1}, CallSpec{"auth", 1.0, 200ms, 0}};
  sc.services = {web, make_service("api", 1), make_service("auth", 1)};
  return sc;
}

// A client endpoint on host 3 that sends web requests and records the answers.
struct Client {
  explicit Client(ManualRuntime& rt) : rt(rt) {
    ep = rt.open(3, "client", [this](const Message& m) {
      if (std::any_cast<ResponseMsg>(&m.body)) answers.push_back("ok");
      if (const auto* r = std::any_cast<RejectMsg>(&m.body))
        answers.push_back(std::string(to_string(r->cause)));
      if (std::any_cast<ResetMsg>(&m.body)) answers.push_back("reset");
    });
  }
  void send(EndpointId to, std::uint64_t hash_key) {
    Request r;
    r.id = 1;
    r.hash_key = hash_key;
    rt.send(Message{ep, to, kRequestBytes, Plane::data, DeliveryStatus::delivered,
                    RequestMsg{++tries, r}});
  }
  ManualRuntime& rt;
  EndpointId ep = kNoEndpoint;
  std::uint64_t tries = 0;
  std::vector<std::string> answers;
};

struct GraphRun {
  GraphRun(CallMode mode, CallFailure on_failure) : f(graph(mode, on_failure)), client(f.rt) {
    f.rt.set_observer(counter);
    f.cluster.start();
    f.rt.run_until(10s);  // every instance ready
    web = f.cluster.instances(0, ContainerState::ready).at(0);
    api = f.pattern.caller_named("web-0/api");
    auth = f.pattern.caller_named("web-0/auth");
  }
  ClusterFixture f;
  Counter counter;
  Client client;
  InstanceId web = kNoInstance;
  ScriptedCaller* api = nullptr;
  ScriptedCaller* auth = nullptr;
};

}  // namespace

TEST_CASE("an instance's callers start with its process, one per called service",
          "[cluster][call-graph]") {
  GraphRun g(CallMode::sequential, CallFailure::fail);
  REQUIRE(g.api != nullptr);
  REQUIRE(g.auth != nullptr);
  CHECK(g.api->started);
  CHECK(g.api->info.group == "web->api");
  CHECK(g.api->info.target_service == "api");
  CHECK(g.api->info.try_timeout == 200ms);
  CHECK(g.api->info.max_retries == 1);
  CHECK(g.api->info.host == g.f.cluster.container(g.web).host);
  CHECK(g.f.pattern.caller_named("api-0/auth") == nullptr);  // api calls nothing
}

TEST_CASE("sequential calls go one after the other and the answer waits for both",
          "[cluster][call-graph]") {
  GraphRun g(CallMode::sequential, CallFailure::fail);
  g.client.send(g.f.cluster.container(g.web).endpoint, 4242);
  g.f.rt.advance(20ms);
  REQUIRE(g.api->issued.size() == 1);
  CHECK(g.api->issued[0].hash_key == 4242);  // the user's key goes down the graph
  CHECK(g.auth->issued.empty());
  CHECK(g.f.cluster.container(g.web).server->busy() == 1);  // the worker waits for its calls
  g.api->answer(0, true);
  REQUIRE(g.auth->issued.size() == 1);
  CHECK(g.client.answers.empty());
  g.auth->answer(0, true);
  g.f.rt.advance(20ms);
  CHECK(g.client.answers == std::vector<std::string>{"ok"});
  CHECK(g.f.cluster.container(g.web).server->busy() == 0);
}

TEST_CASE("a failed call fails the request and stops the sequence", "[cluster][call-graph]") {
  GraphRun g(CallMode::sequential, CallFailure::fail);
  g.client.send(g.f.cluster.container(g.web).endpoint, 1);
  g.f.rt.advance(20ms);
  g.api->answer(0, false);
  g.f.rt.advance(20ms);
  CHECK(g.auth->issued.empty());
  CHECK(g.client.answers == std::vector<std::string>{"downstream_failed"});
}

TEST_CASE("parallel calls go out at once, degrade answers without the failed one",
          "[cluster][call-graph]") {
  GraphRun g(CallMode::parallel, CallFailure::degrade);
  g.client.send(g.f.cluster.container(g.web).endpoint, 1);
  g.f.rt.advance(20ms);
  REQUIRE(g.api->issued.size() == 1);
  REQUIRE(g.auth->issued.size() == 1);
  g.auth->answer(0, false);
  CHECK(g.client.answers.empty());  // still waiting for api
  g.api->answer(0, true);
  g.f.rt.advance(20ms);
  CHECK(g.client.answers == std::vector<std::string>{"ok"});
  CHECK(g.counter.counts["requests.degraded"] == 1);
}

TEST_CASE("a crash resets the waiting request and removes the instance's callers",
          "[cluster][call-graph]") {
  GraphRun g(CallMode::sequential, CallFailure::fail);
  g.client.send(g.f.cluster.container(g.web).endpoint, 1);
  g.f.rt.advance(20ms);
  REQUIRE(g.api->issued.size() == 1);
  g.f.cluster.crash(g.web, "test");
  g.f.rt.advance(20ms);
  CHECK(g.client.answers == std::vector<std::string>{"reset"});
  CHECK(g.f.pattern.caller_named("web-0/api") == nullptr);
  CHECK(g.f.pattern.caller_named("web-0/auth") == nullptr);
  // Its replacement gets callers of its own when its process starts.
  g.f.rt.advance(30s);
  CHECK(g.f.pattern.caller_named("web-0.1/api") != nullptr);
}

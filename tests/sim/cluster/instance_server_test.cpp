#include "sim/cluster/instance_server.h"

#include <catch2/catch.hpp>
#include <vector>

#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"
#include "patterns/health/health_check_protocol.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {
struct Harness {
  explicit Harness(ServiceSpec s)
      : spec(std::move(s)), rt(1, 0ms), server(rt, spec, rt.random("x", "service-time")) {
    server_ep = rt.open(1, "instance", [this](const Message& m) { server.handle(m); });
    server.bind(server_ep);
    client_ep = rt.open(0, "client", [this](const Message& m) {
      if (auto* r = std::any_cast<ResponseMsg>(&m.body))
        answers.emplace_back(rt.now(), "ok " + std::to_string(r->try_id));
      if (auto* r = std::any_cast<RejectMsg>(&m.body))
        answers.emplace_back(rt.now(), "reject " + std::to_string(r->try_id));
    });
  }
  void request(std::uint64_t id) {
    rt.send(Message{client_ep, server_ep, kRequestBytes, Plane::data, DeliveryStatus::delivered,
                    RequestMsg{id}});
  }
  ServiceSpec spec;
  ManualRuntime rt;
  InstanceServer server;
  EndpointId server_ep, client_ep;
  std::vector<std::pair<SimTime, std::string>> answers;
};

ServiceSpec constant_service(int workers, int queue_limit) {
  ServiceSpec s;
  s.name = "web";
  s.workers = workers;
  s.queue_limit = queue_limit;
  s.service_time.distribution = ServiceTimeDistribution::constant;
  s.service_time.mean = 10ms;
  return s;
}
}  // namespace

TEST_CASE("workers serve in parallel, then FIFO from the queue, and a full queue rejects",
          "[server]") {
  Harness h(constant_service(2, 1));
  h.server.set_accepting(true);
  for (std::uint64_t i = 1; i <= 4; ++i) h.request(i);
  h.rt.advance(1s);
  using A = std::vector<std::pair<SimTime, std::string>>;
  REQUIRE(h.answers == A{{0ms, "reject 4"}, {10ms, "ok 1"}, {10ms, "ok 2"}, {20ms, "ok 3"}});
  REQUIRE(h.server.served() == 3);
}

TEST_CASE("a server that is not accepting rejects, an aborted one answers nothing", "[server]") {
  Harness h(constant_service(1, 10));
  h.request(1);
  h.rt.advance(1s);
  REQUIRE(h.answers.size() == 1);
  REQUIRE(h.answers[0].second == "reject 1");
  h.server.set_accepting(true);
  h.request(2);
  h.request(3);
  h.rt.advance(5ms);
  h.server.abort();
  h.rt.advance(1s);
  REQUIRE(h.answers.size() == 1);
  REQUIRE(h.server.busy() == 0);
}

TEST_CASE("exponential service times have the configured mean", "[server][statistics]") {
  ServiceSpec s = constant_service(20000, 0);
  s.service_time.distribution = ServiceTimeDistribution::exponential;
  Harness h(s);
  h.server.set_accepting(true);
  for (std::uint64_t i = 0; i < 20000; ++i) h.request(i);
  h.rt.advance(10s);
  REQUIRE(h.answers.size() == 20000);
  // Each worker is busy for exactly one request: the mean answer time is the mean service time.
  double sum = 0;
  for (const auto& a : h.answers) sum += to_seconds(a.first);
  REQUIRE(sum / 20000 == Approx(0.010).epsilon(0.03));
}

TEST_CASE("an instance answers health checks: unhealthy until ready, healthy once accepting",
          "[server][health]") {
  Harness h(constant_service(1, 10));
  std::vector<bool> replies;
  const EndpointId checker = h.rt.open(0, "health-checker", [&](const Message& m) {
    if (auto* r = std::any_cast<HealthCheckReplyMsg>(&m.body)) replies.push_back(r->healthy);
  });
  auto check = [&] {
    h.rt.send(Message{checker, h.server_ep, kHealthCheckBytes, Plane::control,
                      DeliveryStatus::delivered, HealthCheckMsg{1}});
    h.rt.advance(1ms);
  };
  check();
  h.server.set_accepting(true);
  check();
  REQUIRE(replies == std::vector<bool>{false, true});
  CHECK(h.server.served() == 0);  // a check is not a request
}

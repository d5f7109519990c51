#include <catch2/catch.hpp>

#include "patterns/core/data_plane.h"
#include "patterns/registry/orchestrator_registrar.h"
#include "patterns/registry/self_registration_agent.h"
#include "patterns/registry/sidecar_registration_agent.h"
#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace discolab::registry;
using namespace discolab::test;
using namespace std::chrono_literals;

namespace {

constexpr HostId kInstanceHost = 3;

struct Fixture : RegistryFixture {
  // A container answering every request at once, as a ready instance does.
  InstanceInfo open_instance(InstanceId id) {
    InstanceInfo info;
    info.id = id;
    info.service = "web";
    info.name = "web-" + std::to_string(id);
    info.host = kInstanceHost;
    info.zone = "z1";
    info.endpoint = rt.open(kInstanceHost, "instance", [this](const Message& m) {
      if (auto* q = std::any_cast<RequestMsg>(&m.body)) {
        rt.send(Message{m.to, m.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                        ResponseMsg{q->try_id}});
      }
    });
    return info;
  }
};

// Heartbeats exactly one interval after registering (no random phase): exact times below.
RegistrationConfig lockstep() {
  RegistrationConfig c;
  c.random_phase = false;
  return c;
}

SidecarConfig lockstep_sidecar() {
  SidecarConfig c;
  c.registration.random_phase = false;
  return c;
}

}  // namespace

TEST_CASE("self-registration: registers when ready, renews every heartbeat, says goodbye",
          "[registry][self]") {
  Fixture f;
  SelfRegistrationAgent agent(f.rt, f.server->endpoint(), f.open_instance(1), lockstep());
  f.rt.run_until(10s);
  REQUIRE(f.catalog().find(1) == nullptr);  // not ready yet
  agent.ready();                            // register at 10 s, arriving 10.001 s
  f.rt.run_until(10s + 1ms);
  REQUIRE(f.catalog().find(1) != nullptr);
  REQUIRE(f.catalog().expires_at(1) == 100s + 1ms);  // lease 90 s
  f.rt.run_until(10s + 2ms);
  REQUIRE(agent.registered());
  f.rt.run_until(40s + 1ms);  // first renewal at 40 s
  REQUIRE(f.catalog().expires_at(1) == 130s + 1ms);
  f.rt.run_until(70s + 1ms);
  REQUIRE(f.catalog().expires_at(1) == 160s + 1ms);
  REQUIRE(f.rt.traffic("registration").messages == 3);
  agent.stop();  // graceful, at 70.001 s: gone as soon as the goodbye arrives
  f.rt.run_until(75s);
  REQUIRE(f.catalog().find(1) == nullptr);
  REQUIRE(f.obs.view("registry/main", "web").changes.back().first == 70s + 2ms);
  f.rt.run_until(200s);
  REQUIRE(f.rt.traffic("registration").messages == 4);  // nothing after the goodbye
}

TEST_CASE("self-registration: a killed instance goes silent and expires with its lease",
          "[registry][self]") {
  Fixture f;  // exact expiry, no sweep interval
  SelfRegistrationAgent agent(f.rt, f.server->endpoint(), f.open_instance(1), lockstep());
  agent.ready();
  f.rt.run_until(35s);  // renewed at 30 s (arrived 30.001 s)
  agent.kill();
  REQUIRE_FALSE(agent.active());
  f.rt.run_until(120s + 1ms - 1ns);
  REQUIRE(f.catalog().find(1) != nullptr);  // a wrong entry, until the lease runs out
  f.rt.run_until(120s + 1ms);
  REQUIRE(f.catalog().find(1) == nullptr);
  REQUIRE(f.rt.traffic("registration").messages == 2);
}

TEST_CASE("self-registration: evicted while cut off, registers again after a 404",
          "[registry][self]") {
  Fixture f;
  RegistrationConfig c;
  c.lease = 20s;
  c.heartbeat_interval = 10s;
  SelfRegistrationAgent agent(f.rt, f.server->endpoint(), f.open_instance(1), c);
  agent.ready();
  f.rt.run_until(5s);
  f.rt.set_host_up(kInstanceHost, false);  // the instance's host is cut off
  f.rt.run_until(25s + 1ms);
  REQUIRE(f.catalog().find(1) == nullptr);  // renewals at 10 and 20 s were lost
  REQUIRE(f.obs.counted("registry.renew_errors") == 2);
  f.rt.set_host_up(kInstanceHost, true);
  f.rt.run_until(30s + 2ms);  // renewal at 30 s: "not found"
  REQUIRE(f.catalog().find(1) == nullptr);
  f.rt.run_until(40s + 1ms);  // registers again at the next beat
  REQUIRE(f.catalog().find(1) != nullptr);
}

TEST_CASE("sidecar: registers after a passing check, deregisters at the next failing one",
          "[registry][sidecar]") {
  Fixture f;
  const InstanceInfo info = f.open_instance(1);
  SidecarRegistrationAgent sidecar(f.rt, f.server->endpoint(), info);
  sidecar.start();  // probe at 0, answer at 2 ms, register arrives 3 ms
  f.rt.run_until(3ms);
  REQUIRE(sidecar.healthy());
  REQUIRE(f.catalog().find(1) != nullptr);
  f.rt.run_until(1200ms);
  f.rt.close(info.endpoint);  // the container dies; the sidecar lives on
  f.rt.run_until(1500ms - 1ns);
  REQUIRE(f.catalog().find(1) != nullptr);  // wrong entry until the next check
  // Check at 1.5 s: probe refused at 1.502 s, deregister arrives 1.503 s.
  f.rt.run_until(1503ms);
  REQUIRE_FALSE(sidecar.healthy());
  REQUIRE(f.catalog().find(1) == nullptr);
}

TEST_CASE("sidecar: a dead sidecar leaves a live instance to expire with its lease",
          "[registry][sidecar]") {
  Fixture f;
  const InstanceInfo info = f.open_instance(1);
  SidecarRegistrationAgent sidecar(f.rt, f.server->endpoint(), info, lockstep_sidecar());
  sidecar.start();
  // Healthy at 2 ms: registered (arrives 3 ms), renewed at 10.002 s (arrives 10.003 s).
  f.rt.run_until(15s);
  REQUIRE(f.catalog().expires_at(1) == 42s + 3ms);
  sidecar.kill();
  f.rt.run_until(42s + 3ms - 1ns);
  REQUIRE(f.catalog().find(1) != nullptr);
  f.rt.run_until(42s + 3ms);
  REQUIRE(f.catalog().find(1) == nullptr);  // the container still serves, unseen
}

TEST_CASE("sidecar: rise and fall need consecutive results, timeouts fail", "[registry][sidecar]") {
  Fixture f;
  f.rt.set_message_delay(40ms);  // probe round trip 80 ms, under the 100 ms timeout
  SidecarConfig c;
  c.rise = 2;
  c.fall = 2;
  const InstanceInfo info = f.open_instance(1);
  SidecarRegistrationAgent sidecar(f.rt, f.server->endpoint(), info, c);
  sidecar.start();
  f.rt.run_until(400ms);
  REQUIRE_FALSE(sidecar.healthy());  // one pass is not enough
  f.rt.run_until(580ms);
  REQUIRE(sidecar.healthy());    // second pass at 580 ms
  f.rt.set_message_delay(60ms);  // round trip 120 ms: every probe times out
  f.rt.run_until(1600ms - 1ns);
  REQUIRE(sidecar.healthy());  // one failure (at 1.1 s) is not enough
  f.rt.run_until(1600ms);
  REQUIRE_FALSE(sidecar.healthy());  // the second at 1.6 s
}

TEST_CASE("orchestrator: writes entries without lease and catches up after an outage",
          "[registry][orchestrator]") {
  Fixture f;
  OrchestratorRegistrar orch(f.rt, 9, f.server->endpoint());
  InstanceRecord r;
  r.id = 1;
  r.service = "web";
  orch.set(r);
  f.rt.run_until(2ms);
  REQUIRE(f.catalog().find(1) != nullptr);
  REQUIRE(f.catalog().expires_at(1) == kNever);
  REQUIRE(orch.unacknowledged() == 0);

  f.rt.set_host_up(kRegistryHost, false);
  orch.remove(1);
  r.id = 2;
  orch.set(r);
  f.rt.run_until(20s);
  REQUIRE(orch.unacknowledged() == 2);
  REQUIRE(f.obs.counted("registry.orchestrator_write_errors") > 0);
  f.rt.set_host_up(kRegistryHost, true);
  f.rt.run_until(30s);
  REQUIRE(orch.unacknowledged() == 0);
  REQUIRE(f.catalog().serving("web") == std::vector<InstanceId>{2});
  f.rt.run_until(10000s);
  REQUIRE(f.catalog().serving("web") == std::vector<InstanceId>{2});
}

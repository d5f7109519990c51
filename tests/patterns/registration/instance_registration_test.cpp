#include "patterns/registration/instance_registration.h"

#include <catch2/catch.hpp>
#include <map>

#include "patterns/core/data_plane.h"
#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

// A registry (host 0, leases expiring exactly) and instances on host 2 that answer every
// request (the sidecar's probes) at once.
struct World : test::RegistryFixture {
  explicit World(RegistrationMode mode, bool per_host_sidecar = false)
      : test::RegistryFixture(server_config()) {
    RegistrationSetup s;
    s.mode = mode;
    s.sidecar.per_host = per_host_sidecar;
    if (per_host_sidecar) s.sidecar.check_interval = 2s;
    s.self.lease = 20s;
    s.self.heartbeat_interval = 5s;
    s.sidecar.registration.lease = 20s;
    s.sidecar.registration.heartbeat_interval = 5s;
    s.orchestrator_host = 3;
    registration.emplace(rt, server->endpoint(), s);
  }
  // Leases expire exactly (Eureka's rule would add a lease more).
  static registry::RegistryServerConfig server_config() {
    return registry::RegistryServerConfig::consul();
  }
  InstanceId start(InstanceId id) {
    InstanceInfo info;
    info.id = id;
    info.service = "web";
    info.name = "web-" + std::to_string(id);
    info.host = 2;
    info.endpoint = rt.open(2, "instance", [this](const Message& m) {
      if (const auto* r = std::any_cast<RequestMsg>(&m.body)) {
        rt.send(Message{m.to, m.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                        ResponseMsg{r->try_id}});
      }
    });
    endpoints[id] = info.endpoint;
    registration->instance_started(info);
    return id;
  }
  bool listed(InstanceId id) const { return catalog().find(id) != nullptr; }
  void crash(InstanceId id) {
    rt.close(endpoints[id]);
    registration->instance_crashed(id);
    registration->instance_gone(id);
  }

  std::optional<InstanceRegistration> registration;
  std::map<InstanceId, EndpointId> endpoints;
};

// When `id` was first unlisted, advancing 100 ms at a time up to `limit`.
Duration time_to_unlist(World& w, InstanceId id, Duration limit) {
  const SimTime from = w.rt.now();
  while (w.listed(id) && w.rt.now() - from < limit) w.rt.advance(100ms);
  return w.rt.now() - from;
}

}  // namespace

TEST_CASE("each registration mode lists a ready instance", "[registration]") {
  for (auto mode :
       {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
    INFO(to_string(mode));
    World w(mode);
    w.start(7);
    w.rt.advance(2s);
    // Not ready yet: only the sidecar's probe (the application answers) can tell otherwise.
    if (mode != RegistrationMode::sidecar) CHECK_FALSE(w.listed(7));
    w.registration->instance_ready(7);
    w.rt.advance(2s);
    CHECK(w.listed(7));
    CHECK(w.registration->instances() == 1);
    w.rt.advance(60s);  // kept alive (heartbeats) or lease-free
    CHECK(w.listed(7));
  }
}

TEST_CASE("a graceful stop unlists the instance at once in every mode", "[registration]") {
  for (auto mode :
       {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
    INFO(to_string(mode));
    World w(mode);
    w.start(7);
    w.registration->instance_ready(7);
    w.rt.advance(10s);
    REQUIRE(w.listed(7));
    w.registration->instance_stopping(7);
    CHECK(time_to_unlist(w, 7, 60s) <= 100ms);
  }
}

TEST_CASE("a crash leaves the entry until its lease expires, except with an orchestrator",
          "[registration]") {
  for (auto mode : {RegistrationMode::self, RegistrationMode::sidecar}) {
    INFO(to_string(mode));
    World w(mode);
    w.start(7);
    w.registration->instance_ready(7);
    w.rt.advance(12s);
    REQUIRE(w.listed(7));
    w.crash(7);
    const Duration lingered = time_to_unlist(w, 7, 60s);
    CHECK(lingered >= 20s - 5s);  // the lease, from the last renewal
    CHECK(lingered <= 20s + 1s);
    CHECK(w.registration->instances() == 0);
  }
  World w(RegistrationMode::orchestrator);
  w.start(7);
  w.registration->instance_ready(7);
  w.rt.advance(12s);
  REQUIRE(w.listed(7));
  w.crash(7);  // the scheduler learns of it
  CHECK(time_to_unlist(w, 7, 60s) <= 100ms);
}

TEST_CASE("a per-host sidecar outlives a crashed container and deregisters it at its next check",
          "[registration]") {
  World w(RegistrationMode::sidecar, true);
  w.start(7);
  w.rt.advance(5s);
  REQUIRE(w.listed(7));
  w.crash(7);
  // The next check (every 2 s) is refused: fall 1 deregisters it, long before the 20 s lease.
  const Duration took = time_to_unlist(w, 7, 60s);
  CHECK(took <= 2s + 100ms);
  // The agent then stops: nothing renews or re-lists the instance.
  w.rt.advance(60s);
  CHECK_FALSE(w.listed(7));
  CHECK(w.registration->instances() == 0);
}

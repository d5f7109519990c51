// A crashed process resets its connections (a ResetMsg to the caller of every request queued or
// in service, one hop later); a host that goes down answers nothing.
#include <catch2/catch.hpp>
#include <vector>

#include "cluster_fixture.h"
#include "patterns/core/data_plane.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {

// One instance with one worker and a 1 s service time, ready at 3 s; a client endpoint on
// another host sends it two requests at 3 s: one in service, one queued.
struct Fixture {
  Fixture() : cluster(service()) {
    cluster.cluster.start();
    cluster.rt.advance(3s);
    const Container& c = cluster.cluster.container(0);
    REQUIRE(c.state == ContainerState::ready);
    client = cluster.rt.open((c.host + 1) % 4, "client", [this](const Message& m) {
      if (const auto* r = std::any_cast<ResetMsg>(&m.body)) {
        resets.emplace_back(cluster.rt.now(), r->try_id);
        CHECK(m.size_bytes == kResetBytes);
      } else {
        other.push_back(cluster.rt.now());
      }
    });
    for (std::uint64_t id : {1, 2}) {
      cluster.rt.send(Message{client, c.endpoint, kRequestBytes, Plane::data,
                              DeliveryStatus::delivered, RequestMsg{id}});
    }
    cluster.rt.advance(500ms);
    REQUIRE(c.server->busy() == 1);
    REQUIRE(c.server->queued() == 1);
  }
  static Scenario service() {
    Scenario sc;
    sc.services.push_back(make_service("web", 1));
    sc.services[0].startup = 2s;
    sc.services[0].readiness = 1s;
    sc.services[0].workers = 1;
    sc.services[0].service_time.distribution = ServiceTimeDistribution::constant;
    sc.services[0].service_time.mean = 1s;
    return sc;
  }
  ClusterFixture cluster;
  EndpointId client = kNoEndpoint;
  std::vector<std::pair<SimTime, std::uint64_t>> resets;
  std::vector<SimTime> other;
};

}  // namespace

TEST_CASE("a crash resets every request in service or queued, one hop later", "[cluster][reset]") {
  Fixture f;
  const SimTime crash_at = f.cluster.rt.now();
  f.cluster.cluster.crash(0, "test");
  f.cluster.rt.advance(5s);
  using R = std::vector<std::pair<SimTime, std::uint64_t>>;
  CHECK(f.resets == R{{crash_at + 1ms, 1}, {crash_at + 1ms, 2}});  // in service, then queued
  CHECK(f.other.empty());
}

TEST_CASE("a host failure sends no reset: the callers are left to time out",
          "[cluster][reset][hosts]") {
  Fixture f;
  f.cluster.cluster.fail_host(f.cluster.cluster.container(0).host);
  f.cluster.rt.advance(5s);
  CHECK(f.resets.empty());
  CHECK(f.other.empty());
}

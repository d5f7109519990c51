// Decision 6 (docs/architecture.md): independent processes' periodic timers start at their own
// random phases — heartbeats, the registry's eviction sweep and read-cache refresh.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "patterns/registry/registration_session.h"
#include "patterns/registry/registry_poller.h"
#include "patterns/registry/service_view.h"
#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace discolab::registry;
using namespace discolab::test;
using namespace std::chrono_literals;

namespace {

InstanceRecord web(InstanceId id) {
  InstanceRecord r;
  r.id = id;
  r.service = "web";
  r.name = "web-" + std::to_string(id);
  r.endpoint = 1000 + id;
  return r;
}

}  // namespace

TEST_CASE("heartbeats of instances registered together start at their own phases",
          "[registry][registration][phase]") {
  RegistryFixture f;
  std::vector<std::unique_ptr<RegistrationSession>> sessions;
  for (InstanceId id = 1; id <= 8; ++id) {
    sessions.push_back(std::make_unique<RegistrationSession>(f.rt, 3, f.server->endpoint(), web(id),
                                                             RegistrationConfig{}));
    sessions.back()->begin();  // all register at 0 s, arriving at 1 ms
  }
  f.rt.run_until(1ms);
  std::set<SimTime> first_beats;
  for (InstanceId id = 1; id <= 8; ++id) REQUIRE(f.catalog().expires_at(id) == 90s + 1ms);
  f.rt.run_until(30s + 1ms);  // each has renewed once, at its phase in (0, 30 s]
  for (InstanceId id = 1; id <= 8; ++id) {
    const SimTime renewed = f.catalog().expires_at(id) - 90s - 1ms;
    CHECK(renewed > 0s);
    CHECK(renewed <= 30s);
    first_beats.insert(renewed);
  }
  CHECK(first_beats.size() == 8);  // no two in lockstep
  // Then every interval: the next renewal comes exactly 30 s after the first.
  const SimTime first = f.catalog().expires_at(1);
  f.rt.run_until(first - 90s + 30s);
  CHECK(f.catalog().expires_at(1) == first + 30s);
}

TEST_CASE("heartbeat jitter keeps each interval within i(1-j) .. i(1+j)",
          "[registry][registration][jitter]") {
  RegistryFixture f;
  RegistrationConfig c;
  c.random_phase = false;
  c.jitter = 0.2;
  RegistrationSession session(f.rt, 3, f.server->endpoint(), web(1), c);
  session.begin();
  std::set<SimTime> gaps;
  SimTime last = 30s + 1ms;  // the first beat, one interval after registering
  f.rt.run_until(last);
  REQUIRE(f.catalog().expires_at(1) == last + 90s);
  for (int k = 0; k < 20; ++k) {
    f.rt.run_until(last + 36s);
    const SimTime renewed = f.catalog().expires_at(1) - 90s;
    const Duration gap = renewed - last;
    CHECK(gap >= 24s);
    CHECK(gap <= 36s);
    gaps.insert(gap);
    last = renewed;
  }
  CHECK(gaps.size() > 10);
}

TEST_CASE("registries started together sweep and refresh their caches at their own phases",
          "[registry][server][phase]") {
  ManualRuntime rt(3, 1ms);
  RecordingObserver obs(rt);
  rt.set_observer(obs);
  std::vector<std::unique_ptr<RegistryServer>> servers;
  std::vector<std::unique_ptr<RawClient>> writers;
  for (int k = 0; k < 8; ++k) {
    RegistryServerConfig c = RegistryServerConfig::eureka();
    c.name = "r" + std::to_string(k);
    servers.push_back(std::make_unique<RegistryServer>(rt, 0, c));
    writers.push_back(std::make_unique<RawClient>(rt, servers.back()->endpoint()));
    writers.back()->register_instance(1, "web", 1s);  // expires (2 × lease) at 2.001 s
  }
  // Each sweep evicts at its own phase in (0, 60 s]; no two registries at once.
  rt.run_until(61s);
  std::set<SimTime> sweeps;
  for (int k = 0; k < 8; ++k) {
    const auto& changes = obs.view("registry/r" + std::to_string(k), "web").changes;
    REQUIRE(changes.size() == 2);  // registered, then evicted
    CHECK(changes[1].second.empty());
    CHECK(changes[1].first > 2s);
    CHECK(changes[1].first <= 60s);
    sweeps.insert(changes[1].first);
  }
  CHECK(sweeps.size() == 8);
  CHECK(*sweeps.rbegin() - *sweeps.begin() > 10s);
}

TEST_CASE("the cache-then-fetch chain spreads new-instance delays over both intervals",
          "[registry][server][poller][phase]") {
  // 40 registries (Eureka: a 30 s read-only cache) started at 0 s, each with 10 pollers
  // fetching every 30 s at their own phases; an instance registers with each at 10 s. With the
  // cache refreshed at 30 s, 60 s … everywhere, every delay fell in (20 s, 50 s]; with
  // independent phases they cover (0, 60 s], the sum of the two intervals.
  ManualRuntime rt(11, 1ms);
  std::vector<std::unique_ptr<RegistryServer>> servers;
  std::vector<std::unique_ptr<RawClient>> writers;
  std::vector<std::unique_ptr<RegistryPoller>> pollers;
  std::vector<SimTime> seen;
  for (int k = 0; k < 40; ++k) {
    RegistryServerConfig c = RegistryServerConfig::eureka();
    c.name = "r" + std::to_string(k);
    servers.push_back(std::make_unique<RegistryServer>(rt, 0, c));
    writers.push_back(std::make_unique<RawClient>(rt, servers.back()->endpoint()));
    for (int p = 0; p < 10; ++p) {
      PollerConfig pc;
      pc.name = "client/r" + std::to_string(k) + "-" + std::to_string(p);
      pc.service = "web";
      pc.interval = 30s;
      const std::size_t slot = seen.size();
      seen.push_back(kNever);
      pollers.push_back(std::make_unique<RegistryPoller>(
          rt, 2, servers.back()->endpoint(), pc, [&rt, &seen, slot](const EndpointListPtr& l) {
            if (seen[slot] == kNever && !instance_ids(*l).empty()) seen[slot] = rt.now();
          }));
      pollers.back()->start();
    }
  }
  rt.run_until(10s);
  for (auto& w : writers) w->register_instance(1, "web", 0s);  // arrives at 10.001 s
  rt.run_until(80s);
  std::vector<Duration> delays;
  for (SimTime t : seen) {
    REQUIRE(t != kNever);
    delays.push_back(t - 10s);
  }
  std::sort(delays.begin(), delays.end());
  CHECK(delays.front() > 0s);
  CHECK(delays.back() <= 60s + 3ms);  // both waits, plus the hops
  CHECK(delays.front() < 5s);
  CHECK(delays.back() > 55s);
  const auto over_30 =
      std::count_if(delays.begin(), delays.end(), [](Duration d) { return d > 30s; });
  CHECK(over_30 > 100);
  CHECK(over_30 < 300);
}

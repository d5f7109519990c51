// Health flags reduced to one state; the routable list with panic routing; its view reports.
#include "patterns/health/routable_endpoints.h"

#include <catch2/catch.hpp>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "patterns/core/observer.h"

using namespace discolab;

namespace {

EndpointListPtr discovered(std::uint32_t n) {
  auto list = std::make_shared<EndpointList>();
  for (InstanceId i = 0; i < n; ++i) list->push_back(ServiceEndpoint{i, 100 + i, 0, 1, 0});
  return list;
}

class RecordingObserver final : public Observer {
 public:
  ViewId view_opened(std::string_view component, std::string_view service) override {
    opened.emplace_back(std::string(component) + "|" + std::string(service));
    return 42;
  }
  void view_changed(ViewId view, std::span<const InstanceId> members) override {
    REQUIRE(view == 42);
    changes.emplace_back(members.begin(), members.end());
  }
  void view_closed(ViewId) override { ++closed; }
  void try_sent(InstanceId, CallerTag) override {}
  void request_done(const RequestOutcome&) override {}
  void count(std::string_view, std::uint64_t) override {}

  std::vector<std::string> opened;
  std::vector<std::vector<InstanceId>> changes;
  int closed = 0;
};

}  // namespace

TEST_CASE("flags from several sources reduce to one state, each source owns its flag",
          "[health][state]") {
  HealthState h;
  REQUIRE(h.health(1) == EndpointHealth::healthy);
  REQUIRE(h.set(1, HealthFlag::failed_active_check, true));
  REQUIRE_FALSE(h.set(1, HealthFlag::outlier_ejected, true));  // already unhealthy
  REQUIRE(h.health(1) == EndpointHealth::unhealthy);
  REQUIRE_FALSE(h.set(1, HealthFlag::failed_active_check, false));  // still ejected
  REQUIRE_FALSE(h.healthy(1));
  REQUIRE(h.has(1, HealthFlag::outlier_ejected));
  REQUIRE(h.set(1, HealthFlag::outlier_ejected, false));
  REQUIRE(h.healthy(1));
  const std::uint64_t v = h.version();
  REQUIRE(v == 2);
  h.set(2, HealthFlag::draining, true);
  h.set(3, HealthFlag::removed_by_discovery, true);
  REQUIRE(h.version() == v + 2);
  REQUIRE(to_string(h.health(2)) == "unhealthy");
  h.forget(2);
  REQUIRE(h.healthy(2));
}

TEST_CASE("panic: below the threshold share of healthy endpoints, route to all",
          "[health][panic]") {
  const EndpointListPtr all = discovered(10);
  HealthState h;
  for (InstanceId i = 0; i < 5; ++i) h.set(i, HealthFlag::failed_active_check, true);
  RoutingSelection s = select_routable(all, h, 50);  // 50 % healthy: not below 50 %
  REQUIRE_FALSE(s.panic);
  REQUIRE(s.healthy == 5);
  REQUIRE(instance_ids(*s.endpoints) == std::vector<InstanceId>{5, 6, 7, 8, 9});

  h.set(5, HealthFlag::outlier_ejected, true);  // 40 %
  s = select_routable(all, h, 50);
  REQUIRE(s.panic);
  REQUIRE(s.endpoints == all);
  s = select_routable(all, h, 40);  // a lower threshold: not in panic yet
  REQUIRE_FALSE(s.panic);
  REQUIRE(s.endpoints->size() == 4);

  for (InstanceId i = 0; i < 10; ++i) h.set(i, HealthFlag::draining, true);
  s = select_routable(all, h, 0);  // panic disabled: nothing to route to
  REQUIRE_FALSE(s.panic);
  REQUIRE(s.endpoints->empty());

  HealthState fine;
  REQUIRE(select_routable(all, fine, 50).endpoints == all);  // no copy when all are healthy
  REQUIRE(select_routable(nullptr, fine, 50).endpoints->empty());
}

TEST_CASE("the routable view reports membership changes only", "[health][panic]") {
  ManualRuntime rt;
  RecordingObserver obs;
  rt.set_observer(obs);
  HealthState h;
  {
    RoutableEndpoints view(rt, "lb/web", "web", 50);
    REQUIRE(obs.opened == std::vector<std::string>{"lb/web|web"});
    const EndpointListPtr all = discovered(4);
    REQUIRE(view.update(all, h));
    REQUIRE(obs.changes.size() == 1);
    REQUIRE_FALSE(view.update(discovered(4), h));  // same content, new pointer
    REQUIRE(obs.changes.size() == 1);

    h.set(0, HealthFlag::failed_active_check, true);  // 75 % healthy
    REQUIRE(view.update(all, h));
    REQUIRE(obs.changes.back() == std::vector<InstanceId>{1, 2, 3});
    h.set(1, HealthFlag::failed_active_check, true);  // 50 %
    REQUIRE(view.update(all, h));
    REQUIRE_FALSE(view.panic());
    h.set(2, HealthFlag::failed_active_check, true);  // 25 %: panic, all four again
    REQUIRE(view.update(all, h));
    REQUIRE(view.panic());
    REQUIRE(view.healthy_count() == 1);
    REQUIRE(obs.changes.back() == std::vector<InstanceId>{0, 1, 2, 3});

    auto reweighted = std::make_shared<EndpointList>(*all);
    (*reweighted)[3].weight = 5;
    REQUIRE(view.update(reweighted, h));  // the balancer must rebuild…
    REQUIRE(obs.changes.size() == 4);     // …but the members did not change
  }
  REQUIRE(obs.closed == 1);
}

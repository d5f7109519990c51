#include "patterns/upstream/upstream.h"

#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "patterns/health/health_check_responder.h"
#include "tests/patterns/registry/recording_observer.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

// A push source driven by the test.
struct FakeSource final : EndpointSource {
  SourceListener* listener = nullptr;
  std::optional<SourceView> view;
  EndpointListPtr list = std::make_shared<const EndpointList>();
  bool waits = false;
  std::uint64_t failures = 0;
  bool heard = false;

  void start(SourceListener& l, SourceView v) override {
    listener = &l;
    view = v;
  }
  void stop() override {}
  bool pending() const override { return waits; }
  bool answered() const override { return heard; }
  std::uint64_t errors() const override { return failures; }
  const EndpointListPtr& endpoints() const override { return list; }

  void push(EndpointList next) {
    heard = true;
    list = std::make_shared<const EndpointList>(std::move(next));
    listener->endpoints_changed(list);
  }
  void settle() {
    waits = false;
    listener->settled();
  }
};

// Instances on host 1 whose endpoints answer health checks (healthy) unless closed.
struct World {
  explicit World(UpstreamConfig config = {}) : rt(1, 1ms), obs(rt) {
    rt.set_observer(obs);
    config.name = "client/users-0";
    config.service = "web";
    auto s = std::make_unique<FakeSource>();
    source = s.get();
    upstream = std::make_unique<Upstream>(rt, 2, std::move(config), std::move(s));
    upstream->start();
  }
  ServiceEndpoint add(InstanceId id) {
    const EndpointId ep = rt.open(
        1, "instance", [this](const Message& m) { HealthCheckResponder::answer(rt, m, true); });
    endpoints[id] = ep;
    ServiceEndpoint e;
    e.instance = id;
    e.address = ep;
    e.host = 1;
    return e;
  }
  void push(std::initializer_list<InstanceId> ids) {
    EndpointList l;
    for (InstanceId id : ids) l.push_back(endpoints.contains(id) ? entry(id) : add(id));
    source->push(std::move(l));
  }
  ServiceEndpoint entry(InstanceId id) {
    ServiceEndpoint e;
    e.instance = id;
    e.address = endpoints.at(id);
    e.host = 1;
    return e;
  }
  std::vector<InstanceId> routable() const { return instance_ids(*upstream->routable()); }
  InstanceId pick(std::vector<InstanceId> tried = {}) {
    auto choice = upstream->choose(Request{}, tried);
    REQUIRE(std::holds_alternative<CallTarget>(choice));
    return std::get<CallTarget>(choice).instance;
  }
  // The failure a choose ends in (REQUIREs one).
  FailureCause failure() {
    auto choice = upstream->choose(Request{}, {});
    REQUIRE(std::holds_alternative<FailureCause>(choice));
    return std::get<FailureCause>(choice);
  }
  CallTarget target(InstanceId id) { return CallTarget{endpoints.at(id), id}; }

  ManualRuntime rt;
  test::RecordingObserver obs;
  FakeSource* source = nullptr;
  std::unique_ptr<Upstream> upstream;
  std::map<InstanceId, EndpointId> endpoints;
};

UpstreamConfig with_outliers() {
  UpstreamConfig c;
  OutlierDetectionConfig o;
  o.consecutive_failures = 2;
  o.base_ejection_time = 30s;
  o.max_ejection_percent = 100;
  o.success_rate = false;
  c.outlier_detection = o;
  return c;
}

UpstreamConfig with_checks(double panic = 50.0) {
  UpstreamConfig c;
  ActiveHealthCheckConfig h;  // every 2 s, 1 s timeout, fall 3, rise 2
  c.active_checks = h;
  c.panic_threshold_percent = panic;
  return c;
}

}  // namespace

TEST_CASE("a push source's update reaches the balancer", "[upstream]") {
  World w;
  CHECK(w.failure() == FailureCause::no_endpoint);
  w.push({10, 11});
  CHECK(w.routable() == std::vector<InstanceId>{10, 11});
  std::set<InstanceId> picked;
  for (int k = 0; k < 4; ++k) picked.insert(w.pick());
  CHECK(picked == std::set<InstanceId>{10, 11});
  w.push({11});
  for (int k = 0; k < 4; ++k) CHECK(w.pick() == 11);
}

TEST_CASE("with no endpoint, a source that never answered and failed means registry_down",
          "[upstream]") {
  World w;
  w.source->failures = 1;
  CHECK(w.failure() == FailureCause::registry_down);
  w.push({10});
  w.push({});
  CHECK(w.failure() == FailureCause::no_endpoint);
}

TEST_CASE("a pending source makes picks wait, and its settling calls the ready callback",
          "[upstream][wait]") {
  World w;
  w.source->waits = true;
  int ready = 0;
  w.upstream->on_ready([&] { ++ready; });
  w.push({10});
  CHECK(std::holds_alternative<WaitForTarget>(w.upstream->choose(Request{}, {})));
  w.source->settle();
  CHECK(ready == 1);
  CHECK(w.pick() == 10);
}

TEST_CASE("a retry avoids the instances already tried", "[upstream]") {
  World w;
  w.push({10, 11, 12});
  for (int k = 0; k < 10; ++k) {
    CHECK(w.pick({10, 11}) == 12);
    CHECK(w.pick({12, 10}) == 11);
  }
  // All tried: the balancer's pick is taken anyway.
  for (int k = 0; k < 3; ++k) w.pick({10, 11, 12});
}

TEST_CASE("outlier ejection removes an endpoint from routing until its ejection ends",
          "[upstream][health]") {
  World w(with_outliers());
  w.push({10, 11, 12});
  w.upstream->try_finished(w.target(11), 5ms, false);
  CHECK(w.routable() == std::vector<InstanceId>{10, 11, 12});
  w.upstream->try_finished(w.target(11), 5ms, false);
  CHECK(w.routable() == std::vector<InstanceId>{10, 12});
  for (int k = 0; k < 10; ++k) CHECK(w.pick() != 11);
  w.rt.advance(30s);
  CHECK(w.routable() == std::vector<InstanceId>{10, 11, 12});
  // The routable list is the upstream's one view (the source stays silent).
  CHECK(w.source->view == SourceView::silent);
  const auto& view = w.obs.view("client/users-0", "web");
  REQUIRE(view.changes.size() == 3);
  CHECK(view.changes[1].second == std::vector<InstanceId>{10, 12});
}

TEST_CASE("an endpoint failing its active checks leaves routing", "[upstream][health]") {
  World w(with_checks());
  w.push({10, 11, 12});
  w.rt.advance(1s);
  CHECK(w.routable() == std::vector<InstanceId>{10, 11, 12});
  w.rt.close(w.endpoints[11]);  // checks now refused: fall = 3 checks 2 s apart
  w.rt.advance(10s);
  CHECK(w.routable() == std::vector<InstanceId>{10, 12});
  CHECK_FALSE(w.upstream->panic());
  CHECK(w.upstream->health().has(11, HealthFlag::failed_active_check));
  // Discovery drops it: its health is forgotten.
  w.push({10, 12});
  CHECK_FALSE(w.upstream->health().has(11, HealthFlag::failed_active_check));
}

TEST_CASE("below the panic threshold every discovered endpoint is routed", "[upstream][health]") {
  World w(with_checks(50.0));
  w.push({10, 11, 12});
  w.rt.close(w.endpoints[10]);
  w.rt.close(w.endpoints[11]);
  w.rt.advance(10s);
  CHECK(w.upstream->panic());  // 1 of 3 healthy: 33 % < 50 %
  CHECK(w.routable() == std::vector<InstanceId>{10, 11, 12});

  World strict(with_checks(0.0));
  strict.push({10, 11, 12});
  strict.rt.close(strict.endpoints[10]);
  strict.rt.close(strict.endpoints[11]);
  strict.rt.advance(10s);
  CHECK_FALSE(strict.upstream->panic());
  CHECK(strict.routable() == std::vector<InstanceId>{12});
}

TEST_CASE("without health filtering the source reports the upstream's view", "[upstream]") {
  World w;
  CHECK(w.source->view == SourceView::report);
  for (const auto& v : w.obs.views) CHECK(v.component != "client/users-0");
}

TEST_CASE("outcome feedback reaches the balancer (least request)", "[upstream][feedback]") {
  UpstreamConfig c;
  c.balancer.kind = BalancerKind::least_request;  // two random choices, fewest in flight
  World w(c);
  w.push({10, 11});
  for (int k = 0; k < 5; ++k) w.upstream->try_started(w.target(10));
  w.upstream->try_started(w.target(11));
  // Five answered successes: 10 has none in flight, 11 one. Without the feedback 10 would
  // keep five and be picked only when both choices fall on it (a quarter of the picks).
  for (int k = 0; k < 5; ++k) w.upstream->try_finished(w.target(10), 3ms, true);
  int to_10 = 0;
  for (int k = 0; k < 200; ++k) to_10 += w.pick() == 10 ? 1 : 0;
  CHECK(to_10 > 120);  // three quarters expected
}

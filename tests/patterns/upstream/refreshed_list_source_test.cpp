#include "patterns/upstream/refreshed_list_source.h"

#include <catch2/catch.hpp>

#include "patterns/upstream/registry_sources.h"
#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

struct Listener final : SourceListener {
  std::vector<std::size_t> sizes;
  int settles = 0;
  void endpoints_changed(const EndpointListPtr& list) override { sizes.push_back(list->size()); }
  void settled() override { ++settles; }
};

// Instance 7 registered, then a poll source fetching every 5 s under a 30 s refresh (Ribbon
// over the Eureka client), started with `view`.
struct Stack {
  Stack(test::RegistryFixture& f, SourceView view) {
    f.writer->register_instance(7, "web", 600s);
    f.rt.advance(10ms);
    registry::PollerConfig poll;
    poll.name = "client/users-0";
    poll.service = "web";
    poll.interval = 5s;
    source = std::make_unique<RefreshedListSource>(
        f.rt, std::make_unique<PollSource>(f.rt, 1, f.server->endpoint(), poll),
        RefreshedListConfig{"client/users-0", "web", "users-0", 30s});
    source->start(listener, view);
  }
  Listener listener;
  std::unique_ptr<RefreshedListSource> source;
};

}  // namespace

TEST_CASE("a refreshed list copies the first answer at once and is pending until then",
          "[upstream][source]") {
  test::RegistryFixture f;
  Stack s(f, SourceView::report);
  const Listener& l = s.listener;
  CHECK(s.source->pending());
  f.rt.advance(10ms);
  CHECK_FALSE(s.source->pending());
  CHECK(l.settles == 1);
  CHECK(l.sizes == std::vector<std::size_t>{1});
  const auto& view = f.obs.view("client/users-0", "web");
  REQUIRE(view.changes.size() == 1);
  CHECK(view.changes[0].second == std::vector<InstanceId>{7});
}

TEST_CASE("a refreshed list shows changes only at its own ticks, one interval apart",
          "[upstream][source]") {
  test::RegistryFixture f;
  Stack s(f, SourceView::report);
  f.rt.advance(1s);
  const std::vector<std::pair<Duration, InstanceId>> registrations = {
      {1s, 8}, {40s, 9}, {75s, 10}, {130s, 11}};
  std::vector<SimTime> registered;
  for (const auto& [at, id] : registrations) {
    f.rt.run_until(SimTime{at});
    registered.push_back(f.rt.now());
    f.writer->register_instance(id, "web", 600s);
  }
  f.rt.advance(100s);

  const auto& view = f.obs.view("client/users-0", "web");
  REQUIRE(view.changes.size() == 1 + registrations.size());  // the first copy, then one each
  CHECK(view.changes.back().second == std::vector<InstanceId>{7, 8, 9, 10, 11});
  const SimTime first_tick = view.changes[1].first;
  for (std::size_t k = 1; k < view.changes.size(); ++k) {
    const SimTime at = view.changes[k].first;
    // Each change is seen after it was made, and by the first tick after the next fetch:
    // within the fetch interval + the refresh interval (+ the messages' milliseconds).
    CHECK(at > registered[k - 1]);
    CHECK(at - registered[k - 1] <= 5s + 30s + 10ms);
    // Ticks fall a whole number of refresh intervals apart.
    CHECK((at - first_tick) % Duration(30s) == Duration::zero());
  }
  CHECK(s.source->copies() >= 6);
}

TEST_CASE("a stopped refreshed list copies nothing until restarted", "[upstream][source]") {
  test::RegistryFixture f;
  Stack s(f, SourceView::silent);
  f.rt.advance(1s);
  s.source->stop();
  const auto copies = s.source->copies();
  f.rt.advance(100s);
  CHECK(s.source->copies() == copies);
  s.source->start(s.listener, SourceView::silent);
  f.rt.advance(31s);
  CHECK(s.source->copies() > copies);
  for (const auto& v : f.obs.views) CHECK(v.component != "client/users-0");  // silent: no view
}

#include "patterns/upstream/registry_sources.h"

#include <catch2/catch.hpp>

#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

struct Listener final : SourceListener {
  std::vector<std::size_t> sizes;  // of each list heard
  int settles = 0;
  void endpoints_changed(const EndpointListPtr& list) override { sizes.push_back(list->size()); }
  void settled() override { ++settles; }
};

template <class Config>
Config named(Config c) {
  c.name = "client/users-0";
  c.service = "web";
  return c;
}

bool has_view(const test::RecordingObserver& obs, std::string_view component) {
  for (const auto& v : obs.views) {
    if (v.component == component) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a poll source is pending until its first fetch settles, then reports its view",
          "[upstream][source]") {
  test::RegistryFixture f;
  f.writer->register_instance(7, "web", 60s);
  f.rt.advance(10ms);
  registry::PollerConfig c = named(registry::PollerConfig{});
  c.interval = 5s;
  PollSource source(f.rt, 1, f.server->endpoint(), c);
  Listener l;
  CHECK(source.pending());
  CHECK_FALSE(has_view(f.obs, "client/users-0"));  // nothing exists before start()
  source.start(l, SourceView::report);
  CHECK(source.pending());
  f.rt.advance(10ms);
  CHECK_FALSE(source.pending());
  CHECK(l.settles == 1);
  CHECK(l.sizes == std::vector<std::size_t>{1});
  CHECK(source.answered());
  CHECK(source.endpoints()->size() == 1);
  CHECK(f.obs.view("client/users-0", "web").changes.size() == 1);
  f.rt.advance(20s);
  CHECK(l.settles == 1);
}

TEST_CASE("a silent source opens no view, push sources never make picks wait",
          "[upstream][source]") {
  test::RegistryFixture f;
  f.writer->register_instance(7, "web", 60s);
  f.rt.advance(10ms);
  WatchSource watch(f.rt, 1, f.server->endpoint(), named(registry::WatcherConfig{}));
  BlockingQuerySource query(f.rt, 1, f.server->endpoint(), named(registry::BlockingQueryConfig{}));
  Listener lw, lq;
  CHECK_FALSE(watch.pending());
  CHECK_FALSE(query.pending());
  watch.start(lw, SourceView::silent);
  query.start(lq, SourceView::silent);
  f.rt.advance(10ms);
  CHECK(lw.sizes == std::vector<std::size_t>{1});
  CHECK(lq.sizes == std::vector<std::size_t>{1});
  CHECK_FALSE(has_view(f.obs, "client/users-0"));
}

TEST_CASE("a source whose registry never answers counts errors and is not answered",
          "[upstream][source]") {
  test::RegistryFixture f;
  f.rt.set_host_up(test::kRegistryHost, false);
  PollSource source(f.rt, 1, f.server->endpoint(), named(registry::PollerConfig{}));
  Listener l;
  source.start(l, SourceView::report);
  f.rt.advance(6s);  // the first fetch times out after 5 s
  CHECK_FALSE(source.pending());
  CHECK(l.settles == 1);
  CHECK_FALSE(source.answered());
  CHECK(source.errors() == 1);
}

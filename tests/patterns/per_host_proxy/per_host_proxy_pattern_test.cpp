// The per-host proxy: where its proxies run, and that a proxy's failure stays on its host.
#include "patterns/per_host_proxy/per_host_proxy_pattern.h"

#include <catch2/catch.hpp>

#include "tests/patterns/conformance/fake_cluster.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

constexpr HostId kHostA = 7;
constexpr HostId kHostB = 8;

PerHostProxyConfig config() {
  PerHostProxyConfig c;
  c.registry_host = test::kComponentHost;
  c.server.eviction_interval = 1s;
  c.server.response_cache_refresh = 0s;
  c.registration.self.lease = 20s;
  c.registration.self.heartbeat_interval = 5s;
  c.proxy.source = LbSource::watch;
  c.host_names = {"h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9"};
  return c;
}

struct Fixture {
  Fixture() : pattern(cluster.rt, config()) {
    cluster.attach(pattern);
    cluster.add_instance();
    cluster.add_instance();
    cluster.rt.advance(1s);
  }
  Caller& caller_on(HostId host) {
    CallerInfo info;
    info.name = "users-" + std::to_string(host);
    info.group = "users";
    info.host = host;
    info.target_service = "web";
    info.try_timeout = 500ms;
    Caller& c = pattern.add_caller(info);
    c.start();
    return c;
  }
  // Outcomes of `caller`'s traffic for `length`: {ok, failed with lb_down, other failures}.
  std::array<std::size_t, 3> run(Caller& caller, Duration length) {
    const std::size_t before = cluster.log.outcomes.size();
    cluster.traffic(caller, length, 100ms);
    cluster.rt.advance(1s);
    std::array<std::size_t, 3> n{};
    for (std::size_t k = before; k < cluster.log.outcomes.size(); ++k) {
      const RequestOutcome& o = cluster.log.outcomes[k];
      ++n[o.ok ? 0 : (o.cause == FailureCause::lb_down ? 1 : 2)];
    }
    return n;
  }
  test::FakeCluster cluster;
  PerHostProxyPattern pattern;
};

}  // namespace

TEST_CASE("per-host proxy: a proxy runs on each caller's host, and only there",
          "[per_host_proxy]") {
  Fixture f;
  CHECK(f.pattern.proxy_hosts() == 0);
  Caller& a = f.caller_on(kHostA);
  f.caller_on(kHostA);  // a second caller on the same host shares its proxy
  Caller& b = f.caller_on(kHostB);
  CHECK(f.pattern.proxy_hosts() == 2);
  REQUIRE(f.pattern.proxy(kHostA) != nullptr);
  REQUIRE(f.pattern.proxy(kHostB) != nullptr);
  CHECK(f.pattern.proxy(test::kComponentHost) == nullptr);
  CHECK(f.pattern.proxy(kHostA)->config().host == kHostA);
  CHECK(f.pattern.proxy(kHostA)->config().name == "proxy/h7");
  CHECK(f.pattern.component_of(kHostB) == "proxy@h8");

  // Host A's caller goes through host A's proxy only.
  const auto ok_a = f.run(a, 5s);
  CHECK(ok_a[0] > 0);
  CHECK(ok_a[1] + ok_a[2] == 0);
  CHECK(f.pattern.proxy(kHostA)->forwarded() == ok_a[0]);
  CHECK(f.pattern.proxy(kHostB)->forwarded() == 0);
  const auto ok_b = f.run(b, 5s);
  CHECK(f.pattern.proxy(kHostB)->forwarded() == ok_b[0]);
  CHECK(f.pattern.proxy(kHostA)->forwarded() == ok_a[0]);
}

TEST_CASE("per-host proxy: every proxy is one more registry watcher per service",
          "[per_host_proxy]") {
  Fixture f;
  f.caller_on(kHostA);
  f.cluster.rt.advance(1s);
  const std::size_t one = f.pattern.registry()->watcher_count();
  f.caller_on(kHostB);
  f.caller_on(kHostB);
  f.cluster.rt.advance(1s);
  CHECK(one == 1);  // one service, one proxy
  CHECK(f.pattern.registry()->watcher_count() == 2);
}

TEST_CASE("per-host proxy: a crashed proxy fails its own host's callers only, fast",
          "[per_host_proxy]") {
  Fixture f;
  Caller& a = f.caller_on(kHostA);
  Caller& b = f.caller_on(kHostB);
  f.run(a, 3s);
  f.pattern.component_down("proxy@h7");
  CHECK(f.pattern.proxy(kHostA) == nullptr);
  CHECK(f.pattern.local_proxy(kHostA, "web") == kNoEndpoint);
  const auto down_a = f.run(a, 5s);
  CHECK(down_a[0] == 0);
  CHECK(down_a[1] > 0);  // refused: lb_down, not a timeout
  CHECK(down_a[2] == 0);
  const auto fine_b = f.run(b, 5s);
  CHECK(fine_b[0] > 0);
  CHECK(fine_b[1] + fine_b[2] == 0);

  // Back: a fresh proxy syncs from the registry and serves again.
  f.pattern.component_up("proxy@h7");
  REQUIRE(f.pattern.proxy(kHostA) != nullptr);
  f.cluster.rt.advance(1s);
  const auto back_a = f.run(a, 5s);
  CHECK(back_a[0] > 0);
  CHECK(back_a[1] + back_a[2] == 0);
}

TEST_CASE("per-host proxy: a proxy host down takes its proxy, not the others", "[per_host_proxy]") {
  Fixture f;
  f.caller_on(kHostA);
  Caller& b = f.caller_on(kHostB);
  f.cluster.host_down(kHostA);
  CHECK(f.pattern.proxy(kHostA) == nullptr);
  REQUIRE(f.pattern.proxy(kHostB) != nullptr);
  const auto fine_b = f.run(b, 5s);
  CHECK(fine_b[0] > 0);
  CHECK(fine_b[1] + fine_b[2] == 0);
  f.cluster.host_up(kHostA);
  CHECK(f.pattern.proxy(kHostA) != nullptr);
  // An unknown component, or another pattern's, changes nothing.
  f.pattern.component_down("lb");
  f.pattern.component_down("proxy@nowhere");
  CHECK(f.pattern.proxy(kHostB) != nullptr);
}

TEST_CASE("per-host proxy: min_sync_period applies changes at most once per period",
          "[per_host_proxy]") {
  // kube-proxy's minSyncPeriod through ConfigSync: an atomic swap, at most once per period.
  auto with_period = [](Duration period) {
    PerHostProxyConfig c = config();
    if (period > Duration::zero()) {
      configsync::ConfigSyncConfig sync;
      sync.reload_duration = Duration::zero();
      sync.hitless = true;
      sync.min_reload_interval = period;
      c.proxy.template_sync = sync;
    }
    return c;
  };
  for (Duration period : {Duration::zero(), Duration(5s)}) {
    INFO("min_sync_period " << to_seconds(period) << " s");
    test::FakeCluster cluster;
    PerHostProxyPattern pattern(cluster.rt, with_period(period));
    cluster.attach(pattern);
    cluster.add_instance();
    CallerInfo info;
    info.name = "users-0";
    info.group = "users";
    info.host = kHostA;
    info.target_service = "web";
    info.try_timeout = 500ms;
    pattern.add_caller(info).start();
    // The first (maybe empty) list, then the instance's registration: both applied by now.
    cluster.rt.advance(period + 1s);
    const Upstream* up = pattern.proxy(kHostA)->upstream("web");
    REQUIRE(up != nullptr);
    CHECK(up->source().endpoints()->size() == 1);
    cluster.add_instance();  // a change right after the first sync
    cluster.rt.advance(1s);
    CHECK(up->source().endpoints()->size() == (period == Duration::zero() ? 2u : 1u));
    cluster.rt.advance(period);
    CHECK(up->source().endpoints()->size() == 2);
  }
}

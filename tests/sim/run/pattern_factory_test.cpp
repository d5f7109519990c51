#include "sim/run/pattern_factory.h"

#include <catch2/catch.hpp>

#include "patterns/api_gateway/api_gateway_pattern.h"
#include "patterns/central_lb/central_lb_pattern.h"
#include "patterns/client_side/client_side_pattern.h"
#include "patterns/core/manual_runtime.h"
#include "patterns/dns_discovery/dns_pattern.h"
#include "patterns/per_host_proxy/per_host_proxy_pattern.h"
#include "sim/scenario/enum_names.h"

using namespace discolab;

namespace {

Scenario small() {
  Scenario s;
  s.services = {ServiceSpec{}};
  s.services[0].name = "web";
  return s;
}

std::string check_error(const Scenario& scenario, std::string_view pattern = "client-side") {
  const Platform platform = make_platform(scenario.platform);
  try {
    check_pattern(pattern, scenario, platform);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// Where client-side puts its registry once started.
HostId registry_host(const Scenario& scenario, const Platform& platform) {
  ManualRuntime rt(1);
  auto pattern = make_pattern("client-side", rt, scenario, platform);
  pattern->start();
  const auto& client_side = dynamic_cast<const ClientSidePattern&>(*pattern);
  REQUIRE(client_side.registry() != nullptr);
  return client_side.registry()->host();
}

}  // namespace

TEST_CASE("the runnable patterns are the factory table's rows, with their scenario sections") {
  REQUIRE(runnable_patterns().size() == 5);
  CHECK(runnable_patterns()[0] == "client-side");
  CHECK(runnable_patterns()[1] == "dns");
  CHECK(runnable_patterns()[2] == "central-lb");
  CHECK(pattern_section("client-side") == "patterns.client_side");
  CHECK(pattern_section("dns") == "patterns.dns");
  CHECK(runnable_patterns()[3] == "per-host-proxy");
  CHECK(pattern_section("central-lb") == "patterns.central_lb");
  CHECK(pattern_section("per-host-proxy") == "patterns.per_host_proxy");
  CHECK(runnable_patterns()[4] == "api-gateway");
  CHECK(pattern_section("api-gateway") == "patterns.api_gateway");
  for (std::string_view name : runnable_patterns())
    CHECK(std::find(kPatternNames.begin(), kPatternNames.end(), name) != kPatternNames.end());
}

TEST_CASE("a pattern name that is not runnable is refused, naming the runnable ones") {
  CHECK(check_error(small(), "dns2") ==
        "pattern \"dns2\" is unknown; runnable patterns: "
        "client-side, dns, central-lb, per-host-proxy, api-gateway");
  CHECK_THROWS_AS(pattern_section("dns2"), std::invalid_argument);
}

TEST_CASE("client-side refuses shared-axis values it does not implement, naming the key") {
  CHECK(check_error(small()).empty());

  // Every registration mode and both kinds of health checks are built.
  for (auto mode :
       {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
    Scenario s = small();
    s.patterns.client_side.registration.mode = mode;
    s.patterns.client_side.health.active.enabled = true;
    s.patterns.client_side.health.passive.enabled = true;
    CHECK(check_error(s).empty());
  }

  Scenario watch = small();
  watch.patterns.client_side.propagation.mode = PropagationMode::blocking_query;
  CHECK(check_error(watch) ==
        "patterns.client_side.propagation.mode: \"blocking-query\" is not implemented by "
        "client-side (it implements \"poll\")");

  Scenario elsewhere = small();
  elsewhere.patterns.client_side.registry.host = "rack9-host9";
  CHECK(check_error(elsewhere) ==
        "patterns.client_side.registry.host: no host named \"rack9-host9\" in the platform");
}

TEST_CASE("the registry goes on the host reserved for it unless registry.host names one") {
  Scenario s = small();
  s.platform.reserved = {{ComponentRole::load_balancer, "rack0-host1"},
                         {ComponentRole::registry, "rack1-host2"}};
  const Platform platform = make_platform(s.platform);
  CHECK(registry_host(s, platform) == platform.host_by_name("rack1-host2"));

  s.patterns.client_side.registry.host = "rack0-host3";
  CHECK(registry_host(s, platform) == platform.host_by_name("rack0-host3"));

  s.platform.reserved.clear();
  s.patterns.client_side.registry.host.clear();
  CHECK(registry_host(s, platform) == 0);
}

TEST_CASE("every pattern refuses reserved hosts the platform lacks or that leave none") {
  Scenario s = small();
  s.platform.topology = Topology::star;
  s.platform.hosts_per_rack = 2;
  s.platform.reserved = {{ComponentRole::registry, "host0"}, {ComponentRole::gateway, "host1"}};
  CHECK(check_error(s) ==
        "platform.reserved: reserves every host of the platform (2); "
        "containers need at least one host left");
  s.platform.reserved[1].host = "host7";
  CHECK(check_error(s) == "platform.reserved[1].host: no host named \"host7\" in the platform");
}

TEST_CASE("churn.components may name only components the pattern runs") {
  Scenario s = small();
  s.churn.components.push_back({"registry", std::chrono::seconds(10), std::nullopt});
  CHECK(check_error(s).empty());
  s.churn.components.push_back({"lb", std::chrono::seconds(20), std::nullopt});
  const std::string error = check_error(s);
  CHECK(error.find("churn.components[1].component") != std::string::npos);
  CHECK(error.find("\"lb\" is not a component of client-side") != std::string::npos);
  CHECK(error.find("its components: registry") != std::string::npos);
}

TEST_CASE("the pattern context lists every host with its rack and the reserved hosts' roles") {
  Scenario s = small();
  s.platform.topology = Topology::leaf_spine;
  s.platform.racks = 2;
  s.platform.hosts_per_rack = 3;
  s.platform.reserved = {{ComponentRole::load_balancer, "rack1-host0"}};
  const Platform platform = make_platform(s.platform);
  const PatternContext context = pattern_context(s, platform);
  REQUIRE(context.hosts.size() == 6);
  const HostId lb = platform.host_by_name("rack1-host0");
  CHECK(context.reserved("load-balancer") == lb);
  CHECK(context.reserved("gateway") == kNoHost);
  CHECK(context.hosts[lb].zone == platform.zone_of(lb));
  CHECK(context.hosts[0].zone != context.hosts[lb].zone);
  const auto free = context.container_hosts();
  CHECK(free.size() == 5);
  CHECK(std::find(free.begin(), free.end(), lb) == free.end());
}

namespace {

// The DNS pattern the factory builds for `scenario`, started, with one caller of "web".
std::unique_ptr<DiscoveryPattern> dns_pattern(ManualRuntime& rt, const Scenario& scenario,
                                              const Platform& platform) {
  auto pattern = make_pattern("dns", rt, scenario, platform);
  pattern->start();
  pattern->add_caller(CallerInfo{"users-0", "users", 1, "web", std::chrono::seconds(1), 1}).start();
  return pattern;
}

}  // namespace

TEST_CASE("dns builds every registration and propagation mode, client cache and node-local") {
  for (auto mode :
       {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
    for (auto propagation :
         {PropagationMode::poll, PropagationMode::watch, PropagationMode::blocking_query}) {
      for (auto cache : {DnsClientCache::none, DnsClientCache::jvm, DnsClientCache::ttl}) {
        Scenario s = small();
        s.patterns.dns.registration.mode = mode;
        s.patterns.dns.propagation.mode = propagation;
        s.patterns.dns.dns.client.cache = cache;
        s.patterns.dns.dns.node_local.enabled = cache == DnsClientCache::ttl;
        s.patterns.dns.health.passive.enabled = true;
        CHECK(check_error(s, "dns").empty());
        ManualRuntime rt(1);
        CHECK(dns_pattern(rt, s, make_platform(s.platform))->name() == "dns");
      }
    }
  }
}

TEST_CASE("dns: the scenario's settings reach the DNS server and the clients' resolvers") {
  Scenario s = small();
  s.patterns.dns.dns.server.ttl = std::chrono::seconds(60);
  s.patterns.dns.dns.server.answer_limit = 3;
  s.patterns.dns.dns.client.cache = DnsClientCache::jvm;
  s.patterns.dns.dns.client.cache_ttl = std::chrono::seconds(45);
  s.patterns.dns.dns.client.timeout = std::chrono::seconds(2);
  s.patterns.dns.dns.client.attempts = 4;
  s.patterns.dns.dns.node_local.enabled = true;
  s.patterns.dns.dns.node_local.max_ttl = std::chrono::seconds(20);
  const Platform platform = make_platform(s.platform);
  ManualRuntime rt(1);
  auto pattern = dns_pattern(rt, s, platform);
  const auto& dns = dynamic_cast<const DnsPattern&>(*pattern);
  REQUIRE(dns.dns_server() != nullptr);
  CHECK(dns.dns_server()->config().ttl == std::chrono::seconds(60));
  CHECK(dns.dns_server()->config().udp_answer_limit == 3);
  CHECK(dns.dns_server()->config().rotate);
  REQUIRE(dns.node_local(1) != nullptr);
  CHECK(dns.node_local(1)->config().cache.max_ttl == std::chrono::seconds(20));
  CHECK(dns.node_local(1)->config().upstreams ==
        std::vector<EndpointId>{dns.dns_server()->endpoint()});
  const dns::DnsResolver* client = dns.source(0).resolver();
  REQUIRE(client != nullptr);
  CHECK(client->config().cache.fixed_ttl == std::chrono::seconds(45));
  CHECK(client->config().timeout == std::chrono::seconds(2));
  CHECK(client->config().attempts == 4);
  CHECK(client->config().upstreams == std::vector<EndpointId>{dns.node_local(1)->endpoint()});
  CHECK(dns.callers().at(0)->upstream().balancer().name() == "dns-rotated");
}

TEST_CASE("dns: its server goes on its key's host, else the dns-server host, else the registry's") {
  Scenario s = small();
  s.platform.reserved = {{ComponentRole::registry, "rack1-host2"}};
  const Platform platform = make_platform(s.platform);
  auto server_host = [&](const Scenario& scenario) {
    ManualRuntime rt(1);
    auto pattern = dns_pattern(rt, scenario, platform);
    const auto& dns = dynamic_cast<const DnsPattern&>(*pattern);
    return rt.host_of(dns.dns_server()->endpoint());
  };
  CHECK(server_host(s) == platform.host_by_name("rack1-host2"));
  s.platform.reserved.push_back({ComponentRole::dns_server, "rack0-host1"});
  CHECK(server_host(s) == platform.host_by_name("rack0-host1"));
  s.patterns.dns.dns.server.host = "rack0-host3";
  CHECK(server_host(s) == platform.host_by_name("rack0-host3"));
}

TEST_CASE("dns refuses what it cannot run, naming the key") {
  Scenario s = small();
  s.patterns.dns.dns.server.host = "rack9-host9";
  CHECK(check_error(s, "dns") ==
        "patterns.dns.dns.server.host: no host named \"rack9-host9\" in the platform");
  s = small();
  s.patterns.dns.dns.server.ttl = std::chrono::milliseconds(2500);
  CHECK(check_error(s, "dns") ==
        "patterns.dns.dns.server.ttl: DNS TTLs are whole seconds (RFC 1035); give e.g. 5s");
  s = small();
  s.patterns.dns.dns.server.negative_ttl = std::chrono::milliseconds(100);
  CHECK(check_error(s, "dns").starts_with("patterns.dns.dns.server.negative_ttl: "));
}

TEST_CASE("dns: churn.components may take down its registry and its DNS server") {
  Scenario s = small();
  s.churn.components.push_back({"dns-server", std::chrono::seconds(10), std::chrono::seconds(5)});
  s.churn.components.push_back({"registry", std::chrono::seconds(20), std::nullopt});
  CHECK(check_error(s, "dns").empty());
  CHECK(check_error(s, "client-side").find("\"dns-server\" is not a component of client-side") !=
        std::string::npos);
}

namespace {

// The central-lb pattern a scenario builds, started.
std::unique_ptr<DiscoveryPattern> central_lb(ManualRuntime& rt, const Scenario& scenario,
                                             const Platform& platform) {
  auto pattern = make_pattern("central-lb", rt, scenario, platform);
  pattern->start();
  return pattern;
}

}  // namespace

TEST_CASE("central-lb accepts every shared-axis value and refuses what makes no sense") {
  CHECK(check_error(small(), "central-lb").empty());
  for (auto mode : {PropagationMode::poll, PropagationMode::watch, PropagationMode::blocking_query})
    for (auto reg :
         {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
      Scenario s = small();
      s.patterns.central_lb.propagation.mode = mode;
      s.patterns.central_lb.registration.mode = reg;
      s.patterns.central_lb.health.passive.enabled = true;
      s.patterns.central_lb.lb.sync.mode = LbSyncMode::template_file;
      CHECK(check_error(s, "central-lb").empty());
    }

  Scenario same = small();
  same.patterns.central_lb.lb.standby_host = "rack0-host0";
  CHECK(check_error(same, "central-lb") ==
        "patterns.central_lb.lb.standby_host: \"rack0-host0\" is the active LB's host; a "
        "standby needs a host of its own");

  Scenario nowhere = small();
  nowhere.patterns.central_lb.lb.host = "rack7-host0";
  CHECK(check_error(nowhere, "central-lb") ==
        "patterns.central_lb.lb.host: no host named \"rack7-host0\" in the platform");

  Scenario dns = small();
  dns.patterns.central_lb.balancing.policy = BalancerKind::dns_rotated;
  CHECK(check_error(dns, "central-lb") ==
        "patterns.central_lb.balancing.policy: \"dns-rotated\" is a DNS client's policy, not "
        "an LB's");

  Scenario standby = small();
  standby.churn.components.push_back({"lb-standby", std::chrono::seconds(10), std::nullopt});
  CHECK(check_error(standby, "central-lb") ==
        "churn.components[0].component: \"lb-standby\" needs patterns.central_lb.lb.standby_host");
  standby.patterns.central_lb.lb.standby_host = "rack1-host0";
  standby.churn.components.push_back({"lb", std::chrono::seconds(20), std::nullopt});
  CHECK(check_error(standby, "central-lb").empty());

  Scenario waits = small();
  waits.patterns.central_lb.lb.sync.mode = LbSyncMode::template_file;
  waits.patterns.central_lb.lb.sync.wait_min = std::chrono::seconds(5);
  waits.patterns.central_lb.lb.sync.wait_max = std::chrono::seconds(2);
  CHECK(check_error(waits, "central-lb") ==
        "patterns.central_lb.lb.sync.wait_max: shorter than lb.sync.wait_min");
}

TEST_CASE("central-lb puts its LB on lb.host or else the reserved host or else the registry's") {
  Scenario s = small();
  s.platform.reserved = {{ComponentRole::registry, "rack1-host2"}};
  s.patterns.central_lb.lb.standby_host = "rack1-host3";
  Platform platform = make_platform(s.platform);
  {
    ManualRuntime rt(1);
    auto p = central_lb(rt, s, platform);
    const auto& lb = dynamic_cast<const CentralLbPattern&>(*p);
    CHECK(lb.lb(0)->config().host == platform.host_by_name("rack1-host2"));
    REQUIRE(lb.lb(1) != nullptr);
    CHECK(lb.lb(1)->config().host == platform.host_by_name("rack1-host3"));
  }
  s.platform.reserved.push_back({ComponentRole::load_balancer, "rack0-host1"});
  platform = make_platform(s.platform);
  {
    ManualRuntime rt(1);
    auto p = central_lb(rt, s, platform);
    CHECK(dynamic_cast<const CentralLbPattern&>(*p).lb(0)->config().host ==
          platform.host_by_name("rack0-host1"));
  }
  s.patterns.central_lb.lb.host = "rack0-host2";
  {
    ManualRuntime rt(1);
    auto p = central_lb(rt, s, platform);
    const auto& lb = dynamic_cast<const CentralLbPattern&>(*p);
    CHECK(lb.lb(0)->config().host == platform.host_by_name("rack0-host2"));
    CHECK(lb.registry()->host() == platform.host_by_name("rack1-host2"));
  }
}

TEST_CASE("central-lb's settings reach the LB") {
  Scenario s = small();
  auto& spec = s.patterns.central_lb;
  spec.lb.workers = 3;
  spec.lb.connection_limit = 77;
  spec.lb.retries = 2;
  spec.lb.try_timeout = std::chrono::milliseconds(123);
  spec.propagation.mode = PropagationMode::poll;
  spec.propagation.fetch_interval = std::chrono::seconds(7);
  spec.lb.sync.mode = LbSyncMode::template_file;
  spec.lb.sync.wait_min = std::chrono::seconds(1);
  spec.lb.sync.reload_time = std::chrono::milliseconds(300);
  spec.balancing.policy = BalancerKind::least_request;
  const Platform platform = make_platform(s.platform);
  ManualRuntime rt(1);
  auto p = central_lb(rt, s, platform);
  const LbServerConfig& c = dynamic_cast<const CentralLbPattern&>(*p).lb(0)->config();
  CHECK(c.workers == 3);
  CHECK(c.connection_limit == 77);
  CHECK(c.retries == 2);
  CHECK(c.try_timeout == std::chrono::milliseconds(123));
  CHECK(c.source == LbSource::poll);
  CHECK(c.poller.interval == std::chrono::seconds(7));
  REQUIRE(c.template_sync.has_value());
  CHECK(c.template_sync->wait_min == std::chrono::seconds(1));
  CHECK(c.template_sync->reload_duration == std::chrono::milliseconds(300));
  CHECK(c.balancer.kind == BalancerKind::least_request);
  REQUIRE(c.active_checks.has_value());  // HAProxy-style checks by default
  CHECK(c.active_checks->interval == std::chrono::seconds(2));
  CHECK(c.active_checks->fall == 3);
  CHECK(c.active_checks->rise == 2);
  CHECK(!c.outlier_detection.has_value());
}

TEST_CASE("per-host-proxy accepts every shared-axis value and names its per-host components") {
  CHECK(check_error(small(), "per-host-proxy").empty());
  for (auto mode : {PropagationMode::poll, PropagationMode::watch, PropagationMode::blocking_query})
    for (auto reg :
         {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
      Scenario s = small();
      s.patterns.per_host_proxy.propagation.mode = mode;
      s.patterns.per_host_proxy.registration.mode = reg;
      s.patterns.per_host_proxy.sync.min_sync_period = std::chrono::seconds(1);
      CHECK(check_error(s, "per-host-proxy").empty());
    }

  Scenario churn = small();
  churn.churn.components.push_back({"proxy@rack0-host1", std::chrono::seconds(10), std::nullopt});
  churn.churn.components.push_back({"registry", std::chrono::seconds(20), std::nullopt});
  CHECK(check_error(churn, "per-host-proxy").empty());
  churn.churn.components.push_back({"proxy@rack9-host9", std::chrono::seconds(30), std::nullopt});
  CHECK(check_error(churn, "per-host-proxy") ==
        "churn.components[2].component: no host named \"rack9-host9\" in the platform");
  Scenario lb = small();
  lb.churn.components.push_back({"lb", std::chrono::seconds(10), std::nullopt});
  CHECK(check_error(lb, "per-host-proxy") ==
        "churn.components[0].component: \"lb\" is not a component of per-host-proxy (its "
        "components: registry, proxy@<host>)");
  Scenario bare = small();
  bare.churn.components.push_back({"proxy@", std::chrono::seconds(10), std::nullopt});
  CHECK_FALSE(check_error(bare, "per-host-proxy").empty());

  Scenario periods = small();
  periods.patterns.per_host_proxy.sync.min_sync_period = std::chrono::seconds(5);
  periods.patterns.per_host_proxy.sync.sync_period = std::chrono::seconds(2);
  CHECK(check_error(periods, "per-host-proxy") ==
        "patterns.per_host_proxy.sync.sync_period: shorter than sync.min_sync_period");
}

TEST_CASE("per-host-proxy builds its proxies from the scenario, named after their hosts") {
  Scenario s = small();
  s.patterns.per_host_proxy.proxy.workers = 3;
  s.patterns.per_host_proxy.propagation.mode = PropagationMode::poll;
  const Platform platform = make_platform(s.platform);
  ManualRuntime rt(1);
  auto p = make_pattern("per-host-proxy", rt, s, platform);
  p->start();
  const HostId host = platform.host_by_name("rack1-host1");
  CallerInfo info;
  info.name = "users-0";
  info.group = "users";
  info.host = host;
  info.target_service = "web";
  info.try_timeout = std::chrono::milliseconds(100);
  p->add_caller(info);
  const auto& proxy = dynamic_cast<const PerHostProxyPattern&>(*p);
  REQUIRE(proxy.proxy(host) != nullptr);
  CHECK(proxy.proxy(host)->config().name == "proxy/rack1-host1");
  CHECK(proxy.proxy(host)->config().workers == 3);
  CHECK(proxy.proxy(host)->config().source == LbSource::poll);
  CHECK(proxy.proxy(host)->config().endpoint_kind == "proxy");
  CHECK(proxy.component_of(host) == "proxy@rack1-host1");
}

namespace {

// The api-gateway pattern a scenario builds, started.
std::unique_ptr<DiscoveryPattern> api_gateway(ManualRuntime& rt, const Scenario& scenario,
                                              const Platform& platform) {
  auto pattern = make_pattern("api-gateway", rt, scenario, platform);
  pattern->start();
  return pattern;
}

}  // namespace

TEST_CASE("api-gateway accepts every shared-axis value and refuses what makes no sense") {
  CHECK(check_error(small(), "api-gateway").empty());
  for (auto mode : {PropagationMode::poll, PropagationMode::watch, PropagationMode::blocking_query})
    for (auto reg :
         {RegistrationMode::self, RegistrationMode::sidecar, RegistrationMode::orchestrator}) {
      Scenario s = small();
      s.patterns.api_gateway.propagation.mode = mode;
      s.patterns.api_gateway.registration.mode = reg;
      s.patterns.api_gateway.health.passive.enabled = true;
      CHECK(check_error(s, "api-gateway").empty());
    }

  Scenario same = small();
  same.patterns.api_gateway.gateway.standby_host = "rack0-host0";
  CHECK(check_error(same, "api-gateway") ==
        "patterns.api_gateway.gateway.standby_host: \"rack0-host0\" is the active gateway's "
        "host; a standby needs a host of its own");

  Scenario nowhere = small();
  nowhere.patterns.api_gateway.gateway.host = "rack7-host0";
  CHECK(check_error(nowhere, "api-gateway") ==
        "patterns.api_gateway.gateway.host: no host named \"rack7-host0\" in the platform");

  Scenario dns = small();
  dns.patterns.api_gateway.balancing.policy = BalancerKind::dns_rotated;
  CHECK(check_error(dns, "api-gateway") ==
        "patterns.api_gateway.balancing.policy: \"dns-rotated\" is a DNS client's policy, not "
        "a gateway's");

  Scenario standby = small();
  standby.churn.components.push_back({"gateway-standby", std::chrono::seconds(10), std::nullopt});
  CHECK(check_error(standby, "api-gateway") ==
        "churn.components[0].component: \"gateway-standby\" needs "
        "patterns.api_gateway.gateway.standby_host");
  standby.patterns.api_gateway.gateway.standby_host = "rack1-host0";
  standby.churn.components.push_back({"gateway", std::chrono::seconds(20), std::nullopt});
  standby.churn.components.push_back({"registry", std::chrono::seconds(30), std::nullopt});
  CHECK(check_error(standby, "api-gateway").empty());
  // Its components are its own, not central-lb's.
  Scenario lb = small();
  lb.churn.components.push_back({"lb", std::chrono::seconds(10), std::nullopt});
  CHECK(check_error(lb, "api-gateway") ==
        "churn.components[0].component: \"lb\" is not a component of api-gateway (its "
        "components: registry, gateway, gateway-standby)");
}

TEST_CASE(
    "api-gateway puts its gateway on gateway.host, else the reserved host, else the "
    "registry's, and its settings reach it") {
  Scenario s = small();
  s.platform.reserved = {{ComponentRole::registry, "rack1-host2"}};
  auto& spec = s.patterns.api_gateway;
  spec.gateway.standby_host = "rack1-host3";
  spec.gateway.workers = 3;
  spec.gateway.connection_limit = 77;
  spec.gateway.retries = 2;
  spec.gateway.try_timeout = std::chrono::milliseconds(123);
  spec.gateway.failover_time = std::chrono::seconds(2);
  spec.propagation.mode = PropagationMode::blocking_query;
  Platform platform = make_platform(s.platform);
  {
    ManualRuntime rt(1);
    auto p = api_gateway(rt, s, platform);
    const auto& gw = dynamic_cast<const ApiGatewayPattern&>(*p);
    CHECK(gw.name() == "api-gateway");
    const LbServerConfig& c = gw.edge().lb(0)->config();
    CHECK(c.host == platform.host_by_name("rack1-host2"));
    CHECK(c.name == "gateway/primary");
    REQUIRE(gw.edge().lb(1) != nullptr);
    CHECK(gw.edge().lb(1)->config().host == platform.host_by_name("rack1-host3"));
    CHECK(gw.edge().lb(1)->config().name == "gateway/standby");
    CHECK(c.workers == 3);
    CHECK(c.connection_limit == 77);
    CHECK(c.retries == 2);
    CHECK(c.try_timeout == std::chrono::milliseconds(123));
    CHECK(c.source == LbSource::blocking_query);
    CHECK(c.service_time.mean == std::chrono::microseconds(400));  // L7 by default
    REQUIRE(c.active_checks.has_value());
    CHECK(c.active_checks->interval == std::chrono::seconds(2));
    CHECK_FALSE(gw.config().dns_upstreams);  // from the registry by default
    CHECK(!c.source_factory);
  }
  spec.gateway.upstreams = GatewayUpstreams::dns;
  spec.gateway.dns_stale_ttl = std::chrono::seconds(9);
  {
    ManualRuntime rt(1);
    auto p = api_gateway(rt, s, platform);
    const auto& gw = dynamic_cast<const ApiGatewayPattern&>(*p);
    CHECK(gw.config().dns_upstreams);
    CHECK(gw.config().dns_stale_ttl == std::chrono::seconds(9));
    CHECK(static_cast<bool>(gw.edge().lb(0)->config().source_factory));
  }
  s.platform.reserved.push_back({ComponentRole::gateway, "rack0-host1"});
  platform = make_platform(s.platform);
  {
    ManualRuntime rt(1);
    auto p = api_gateway(rt, s, platform);
    CHECK(dynamic_cast<const ApiGatewayPattern&>(*p).edge().lb(0)->config().host ==
          platform.host_by_name("rack0-host1"));
  }
  spec.gateway.host = "rack0-host2";
  {
    ManualRuntime rt(1);
    auto p = api_gateway(rt, s, platform);
    const auto& gw = dynamic_cast<const ApiGatewayPattern&>(*p);
    CHECK(gw.edge().lb(0)->config().host == platform.host_by_name("rack0-host2"));
    CHECK(gw.edge().registry()->host() == platform.host_by_name("rack1-host2"));
  }
}

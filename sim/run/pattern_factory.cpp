#include "sim/run/pattern_factory.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "patterns/api_gateway/api_gateway_pattern.h"
#include "patterns/central_lb/central_lb_pattern.h"
#include "patterns/client_side/client_side_pattern.h"
#include "patterns/dns_discovery/dns_pattern.h"
#include "patterns/health/active_health_checker.h"
#include "patterns/health/outlier_detector.h"
#include "patterns/per_host_proxy/per_host_proxy_pattern.h"
#include "sim/scenario/enum_names.h"

namespace discolab {
namespace {

// One row per runnable pattern: its name, the scenario section holding its settings, what it
// refuses (throws std::invalid_argument naming the key) and how it is built.
struct PatternEntry {
  std::string_view name;
  std::string_view section;  // "patterns.client_side"
  std::function<void(const Scenario&, const Platform&)> check;
  std::function<std::unique_ptr<DiscoveryPattern>(Runtime&, const Scenario&, const Platform&)> make;
  std::vector<std::string_view> components;  // what churn.components[].component may name
  std::function<PatternLayout(const Scenario&, const Platform&)> layout;
};

std::string key_of(std::string_view section, std::string_view key) {
  return std::string(section) + "." + std::string(key);
}

HostId host_named(const Platform& platform, const std::string& name, const std::string& key) {
  const HostId host = platform.host_by_name(name);
  if (host == kNoHost)
    throw std::invalid_argument(key + ": no host named \"" + name + "\" in the platform");
  return host;
}

// Pattern context, whatever the pattern: every reserved host exists (a platform file's hosts
// are only known here) and one host at least is left for containers.
void check_reserved_hosts(const Scenario& scenario, const Platform& platform) {
  const auto& reserved = scenario.platform.reserved;
  std::vector<bool> taken(platform.host_count(), false);
  for (std::size_t i = 0; i < reserved.size(); ++i)
    taken[host_named(platform, reserved[i].host,
                     "platform.reserved[" + std::to_string(i) + "].host")] = true;
  if (!reserved.empty() && std::find(taken.begin(), taken.end(), false) == taken.end())
    throw std::invalid_argument("platform.reserved: reserves every host of the platform (" +
                                std::to_string(taken.size()) +
                                "); containers need at least one host left");
}

// The host of a component: the one named by its key, else the first host reserved for its
// role, else the first host.
HostId component_host(const Scenario& scenario, const Platform& platform, const std::string& name,
                      const std::string& key, ComponentRole role) {
  if (!name.empty()) return host_named(platform, name, key);
  for (std::size_t i = 0; i < scenario.platform.reserved.size(); ++i) {
    const ReservedHostSpec& r = scenario.platform.reserved[i];
    if (r.role == role)
      return host_named(platform, r.host, "platform.reserved[" + std::to_string(i) + "].host");
  }
  return 0;
}

// A shared axis' value that this pattern does not implement.
template <class E>
void require_value(E value, E supported, const std::string& key, std::string_view pattern) {
  if (value == supported) return;
  throw std::invalid_argument(key + ": \"" + std::string(to_string(value)) +
                              "\" is not implemented by " + std::string(pattern) +
                              " (it implements \"" + std::string(to_string(supported)) + "\")");
}

// The shared `registry` axis, onto a pattern's registry server.
void apply_registry(const RegistrySpec& spec, registry::RegistryServerConfig& server) {
  server.eviction_interval = spec.eviction_interval;
  server.catalog.expiry =
      spec.eureka_double_expiry ? registry::ExpiryRule::eureka : registry::ExpiryRule::exact;
  server.response_cache_refresh = spec.response_cache_interval;
}

// The shared `registration` axis, onto a sidecar's checks and lease.
registry::SidecarConfig sidecar_of(const RegistrationSpec& spec) {
  registry::SidecarConfig s;
  s.registration.lease = spec.lease_duration;
  s.registration.heartbeat_interval = spec.heartbeat_interval;
  s.check_interval = spec.check_interval;
  s.check_timeout = spec.check_timeout;
  s.rise = static_cast<std::uint32_t>(spec.check_rise);
  s.fall = static_cast<std::uint32_t>(spec.check_fall);
  s.per_host = spec.sidecar_per_host;
  return s;
}

// The shared `registration` axis, onto a pattern's registration; sidecars renew as instances
// would, the orchestrator runs beside the registry.
void apply_registration(const RegistrationSpec& spec, HostId registry_host,
                        RegistrationSetup& setup) {
  setup.mode = spec.mode;
  setup.self.lease = spec.lease_duration;
  setup.self.heartbeat_interval = spec.heartbeat_interval;
  setup.sidecar = sidecar_of(spec);
  setup.orchestrator_host = registry_host;
}

constexpr std::string_view kClientSide = "patterns.client_side";

void check_client_side(const Scenario& scenario, const Platform& platform) {
  const ClientSideSpec& spec = scenario.patterns.client_side;
  component_host(scenario, platform, spec.registry.host, key_of(kClientSide, "registry.host"),
                 ComponentRole::registry);
  require_value(spec.propagation.mode, PropagationMode::poll,
                key_of(kClientSide, "propagation.mode"), "client-side");
}

// The shared health axis, as a client library's checks (Ribbon's pinging, Envoy-style
// outlier detection).
std::optional<ActiveHealthCheckConfig> active_checks_of(const HealthSpec& health) {
  if (!health.active.enabled) return std::nullopt;
  ActiveHealthCheckConfig a;
  a.interval = health.active.interval;
  a.timeout = health.active.timeout;
  a.fall = static_cast<std::uint32_t>(health.active.unhealthy_threshold);
  a.rise = static_cast<std::uint32_t>(health.active.healthy_threshold);
  a.spread_first_check = true;  // independent clients do not check in lockstep
  return a;
}

std::optional<OutlierDetectionConfig> outlier_detection_of(const HealthSpec& health) {
  if (!health.passive.enabled) return std::nullopt;
  OutlierDetectionConfig o;
  o.consecutive_failures = static_cast<std::uint32_t>(health.passive.consecutive_failures);
  o.base_ejection_time = health.passive.ejection_time;
  o.max_ejection_time = health.passive.max_ejection_time;
  o.max_ejection_percent = health.passive.max_ejection_percent;
  o.success_rate = health.passive.success_rate;
  return o;
}

// The shared balancing axis, onto a balancer.
BalancerConfig balancer_of(const BalancingSpec& spec) {
  BalancerConfig b;
  b.kind = spec.policy;
  b.least_request.choice_count = static_cast<std::uint32_t>(spec.least_request_choices);
  b.peak_ewma.choice_count = static_cast<std::uint32_t>(spec.least_request_choices);
  b.peak_ewma.decay = spec.ewma_decay;
  b.peak_ewma.default_rtt = spec.ewma_default_rtt;
  return b;
}

std::unique_ptr<DiscoveryPattern> make_client_side(Runtime& rt, const Scenario& scenario,
                                                   const Platform& platform) {
  const ClientSideSpec& spec = scenario.patterns.client_side;
  ClientSideConfig c;
  c.registry_host = component_host(scenario, platform, spec.registry.host,
                                   key_of(kClientSide, "registry.host"), ComponentRole::registry);
  apply_registry(spec.registry, c.server);
  c.registration.lease = spec.registration.lease_duration;
  c.registration.heartbeat_interval = spec.registration.heartbeat_interval;
  c.poller.interval = spec.propagation.fetch_interval;
  c.poller.delta = true;
  c.list_refresh_interval = spec.client.list_refresh_interval;
  c.balancer = balancer_of(spec.balancing);
  // Sidecar and orchestrator registration write to the same registry; the orchestrator runs
  // beside it.
  c.registration_mode = spec.registration.mode;
  c.sidecar = sidecar_of(spec.registration);
  c.orchestrator_host = c.registry_host;
  // Health checks by the client library (Ribbon's pinging, Envoy-style outlier detection).
  c.active_checks = active_checks_of(spec.health);
  c.outlier_detection = outlier_detection_of(spec.health);
  return std::make_unique<ClientSidePattern>(rt, std::move(c));
}

constexpr std::string_view kDns = "patterns.dns";

HostId dns_registry_host(const Scenario& scenario, const Platform& platform) {
  return component_host(scenario, platform, scenario.patterns.dns.registry.host,
                        key_of(kDns, "registry.host"), ComponentRole::registry);
}

// The DNS server's host: its key, else the host reserved for the role, else the registry's.
HostId dns_server_host(const Scenario& scenario, const Platform& platform) {
  const std::string& name = scenario.patterns.dns.dns.server.host;
  const auto& reserved = scenario.platform.reserved;
  const bool has_own_host =
      !name.empty() || std::any_of(reserved.begin(), reserved.end(), [](const auto& r) {
        return r.role == ComponentRole::dns_server;
      });
  if (!has_own_host) return dns_registry_host(scenario, platform);
  return component_host(scenario, platform, name, key_of(kDns, "dns.server.host"),
                        ComponentRole::dns_server);
}

void check_dns(const Scenario& scenario, const Platform& platform) {
  const DnsSpec& spec = scenario.patterns.dns;
  dns_registry_host(scenario, platform);
  dns_server_host(scenario, platform);
  // TTLs travel as whole seconds (RFC 1035 3.2.1): a fraction would be cut off unseen.
  const auto whole_seconds = [](Duration d) { return d % std::chrono::seconds(1) == Duration{0}; };
  if (!whole_seconds(spec.dns.server.ttl))
    throw std::invalid_argument(key_of(kDns, "dns.server.ttl") +
                                ": DNS TTLs are whole seconds (RFC 1035); give e.g. 5s");
  if (!whole_seconds(spec.dns.server.negative_ttl))
    throw std::invalid_argument(key_of(kDns, "dns.server.negative_ttl") +
                                ": DNS TTLs are whole seconds (RFC 1035); give e.g. 5s");
}

std::unique_ptr<DiscoveryPattern> make_dns(Runtime& rt, const Scenario& scenario,
                                           const Platform& platform) {
  const DnsSpec& spec = scenario.patterns.dns;
  DnsPatternConfig c;
  c.registry_host = dns_registry_host(scenario, platform);
  c.dns_host = dns_server_host(scenario, platform);
  apply_registry(spec.registry, c.server);
  c.registration_mode = spec.registration.mode;
  c.registration.lease = spec.registration.lease_duration;
  c.registration.heartbeat_interval = spec.registration.heartbeat_interval;
  c.sidecar = sidecar_of(spec.registration);
  c.orchestrator_host = c.registry_host;
  switch (spec.propagation.mode) {
    case PropagationMode::watch:
      c.feed = DnsFeed::watch;
      break;
    case PropagationMode::poll:
      c.feed = DnsFeed::poll;
      break;
    case PropagationMode::blocking_query:
      c.feed = DnsFeed::blocking_query;
      break;
  }
  c.poll_interval = spec.propagation.fetch_interval;
  c.dns = dns::DnsServerConfig::coredns();
  c.dns.ttl = spec.dns.server.ttl;
  c.dns.negative_ttl = spec.dns.server.negative_ttl;
  c.dns.udp_answer_limit = static_cast<std::uint32_t>(spec.dns.server.answer_limit);
  c.dns.rotate = spec.dns.server.rotate;
  c.client_cache = spec.dns.client.cache;
  c.client_cache_ttl = spec.dns.client.cache_ttl;
  c.client_timeout = spec.dns.client.timeout;
  c.client_attempts = static_cast<std::uint32_t>(spec.dns.client.attempts);
  c.node_local = spec.dns.node_local.enabled;
  c.node_local_cache.max_ttl = spec.dns.node_local.max_ttl;
  c.node_local_cache.max_negative_ttl = spec.dns.node_local.max_negative_ttl;
  c.balancer = balancer_of(spec.balancing);
  c.active_checks = active_checks_of(spec.health);
  c.outlier_detection = outlier_detection_of(spec.health);
  return std::make_unique<DnsPattern>(rt, std::move(c));
}

// --- central-lb ------------------------------------------------------------------------------

constexpr std::string_view kCentralLb = "patterns.central_lb";

HostId central_lb_registry_host(const Scenario& scenario, const Platform& platform) {
  const CentralLbSpec& spec = scenario.patterns.central_lb;
  return component_host(scenario, platform, spec.registry.host, key_of(kCentralLb, "registry.host"),
                        ComponentRole::registry);
}

// The LB's host: its key, else the host reserved for the load balancer, else the registry's.
HostId central_lb_host(const Scenario& scenario, const Platform& platform) {
  const CentralLbSpec& spec = scenario.patterns.central_lb;
  if (!spec.lb.host.empty())
    return host_named(platform, spec.lb.host, key_of(kCentralLb, "lb.host"));
  for (std::size_t i = 0; i < scenario.platform.reserved.size(); ++i) {
    const ReservedHostSpec& r = scenario.platform.reserved[i];
    if (r.role == ComponentRole::load_balancer)
      return host_named(platform, r.host, "platform.reserved[" + std::to_string(i) + "].host");
  }
  return central_lb_registry_host(scenario, platform);
}

void check_central_lb(const Scenario& scenario, const Platform& platform) {
  const CentralLbSpec& spec = scenario.patterns.central_lb;
  central_lb_registry_host(scenario, platform);
  const HostId lb = central_lb_host(scenario, platform);
  if (!spec.lb.standby_host.empty()) {
    const std::string key = key_of(kCentralLb, "lb.standby_host");
    if (host_named(platform, spec.lb.standby_host, key) == lb)
      throw std::invalid_argument(key + ": \"" + spec.lb.standby_host +
                                  "\" is the active LB's host; a standby needs a host of its own");
  }
  for (std::size_t i = 0; i < scenario.churn.components.size(); ++i) {
    if (scenario.churn.components[i].component == "lb-standby" && spec.lb.standby_host.empty())
      throw std::invalid_argument("churn.components[" + std::to_string(i) +
                                  "].component: \"lb-standby\" needs " +
                                  key_of(kCentralLb, "lb.standby_host"));
  }
  if (spec.balancing.policy == BalancerKind::dns_rotated)
    throw std::invalid_argument(key_of(kCentralLb, "balancing.policy") +
                                ": \"dns-rotated\" is a DNS client's policy, not an LB's");
  const LbSyncSpec& sync = spec.lb.sync;
  if (sync.mode == LbSyncMode::template_file && sync.wait_max > Duration::zero() &&
      sync.wait_max < sync.wait_min)
    throw std::invalid_argument(key_of(kCentralLb, "lb.sync.wait_max") +
                                ": shorter than lb.sync.wait_min");
}

std::unique_ptr<DiscoveryPattern> make_central_lb(Runtime& rt, const Scenario& scenario,
                                                  const Platform& platform) {
  const CentralLbSpec& spec = scenario.patterns.central_lb;
  CentralLbConfig c;
  c.registry_host = central_lb_registry_host(scenario, platform);
  apply_registry(spec.registry, c.server);
  apply_registration(spec.registration, c.registry_host, c.registration);
  c.lb_host = central_lb_host(scenario, platform);
  if (!spec.lb.standby_host.empty())
    c.standby_host =
        host_named(platform, spec.lb.standby_host, key_of(kCentralLb, "lb.standby_host"));
  c.failover_time = spec.lb.failover_time;
  LbServerConfig& lb = c.lb;
  lb.workers = spec.lb.workers;
  lb.connection_limit = spec.lb.connection_limit;
  lb.server_maxconn = static_cast<std::uint32_t>(spec.lb.server_maxconn);
  lb.queue_timeout = spec.lb.queue_timeout;
  lb.service_time = spec.lb.service_time;
  lb.try_timeout = spec.lb.try_timeout;
  lb.retries = static_cast<std::uint32_t>(spec.lb.retries);
  switch (spec.propagation.mode) {
    case PropagationMode::poll:
      lb.source = LbSource::poll;
      lb.poller.interval = spec.propagation.fetch_interval;
      lb.poller.delta = true;
      break;
    case PropagationMode::watch:
      lb.source = LbSource::watch;
      break;
    case PropagationMode::blocking_query:
      lb.source = LbSource::blocking_query;
      break;
  }
  if (spec.lb.sync.mode == LbSyncMode::template_file) {
    configsync::ConfigSyncConfig sync;
    sync.wait_min = spec.lb.sync.wait_min;
    sync.wait_max = spec.lb.sync.wait_max;
    sync.reload_duration = spec.lb.sync.reload_time;
    lb.template_sync = sync;
    lb.reload_refuses = spec.lb.sync.reload_refuses;
  }
  lb.balancer = balancer_of(spec.balancing);
  lb.active_checks = active_checks_of(spec.health);
  lb.outlier_detection = outlier_detection_of(spec.health);
  return std::make_unique<CentralLbPattern>(rt, std::move(c));
}

// --- per-host-proxy --------------------------------------------------------------------------

constexpr std::string_view kPerHostProxy = "patterns.per_host_proxy";
constexpr std::string_view kProxyComponent = "proxy@";  // + a host name

HostId per_host_proxy_registry_host(const Scenario& scenario, const Platform& platform) {
  const PerHostProxySpec& spec = scenario.patterns.per_host_proxy;
  return component_host(scenario, platform, spec.registry.host,
                        key_of(kPerHostProxy, "registry.host"), ComponentRole::registry);
}

void check_per_host_proxy(const Scenario& scenario, const Platform& platform) {
  const PerHostProxySpec& spec = scenario.patterns.per_host_proxy;
  per_host_proxy_registry_host(scenario, platform);
  for (std::size_t i = 0; i < scenario.churn.components.size(); ++i) {
    const std::string& c = scenario.churn.components[i].component;
    if (!c.starts_with(kProxyComponent)) continue;
    host_named(platform, c.substr(kProxyComponent.size()),
               "churn.components[" + std::to_string(i) + "].component");
  }
  if (spec.balancing.policy == BalancerKind::dns_rotated)
    throw std::invalid_argument(key_of(kPerHostProxy, "balancing.policy") +
                                ": \"dns-rotated\" is a DNS client's policy, not a proxy's");
  if (spec.sync.sync_period < spec.sync.min_sync_period)
    throw std::invalid_argument(key_of(kPerHostProxy, "sync.sync_period") +
                                ": shorter than sync.min_sync_period");
}

std::unique_ptr<DiscoveryPattern> make_per_host_proxy(Runtime& rt, const Scenario& scenario,
                                                      const Platform& platform) {
  const PerHostProxySpec& spec = scenario.patterns.per_host_proxy;
  PerHostProxyConfig c;
  c.registry_host = per_host_proxy_registry_host(scenario, platform);
  apply_registry(spec.registry, c.server);
  apply_registration(spec.registration, c.registry_host, c.registration);
  for (std::size_t h = 0; h < platform.host_count(); ++h)
    c.host_names.push_back(platform.host_name(static_cast<HostId>(h)));
  LbServerConfig& p = c.proxy;
  p.endpoint_kind = "proxy";
  p.workers = spec.proxy.workers;
  p.connection_limit = spec.proxy.connection_limit;
  p.service_time = spec.proxy.service_time;
  p.try_timeout = spec.proxy.try_timeout;
  p.retries = static_cast<std::uint32_t>(spec.proxy.retries);
  switch (spec.propagation.mode) {
    case PropagationMode::poll:
      p.source = LbSource::poll;
      p.poller.interval = spec.propagation.fetch_interval;
      p.poller.delta = spec.sync.delta;
      break;
    case PropagationMode::watch:
      p.source = LbSource::watch;
      break;
    case PropagationMode::blocking_query:
      p.source = LbSource::blocking_query;
      break;
  }
  // kube-proxy's minSyncPeriod: a change waits until min_sync_period after the last sync
  // (pkg/util/async/bounded_frequency_runner.go); the rule swap is atomic (iptables-restore),
  // so connections are neither refused nor held.
  if (spec.sync.min_sync_period > Duration::zero()) {
    configsync::ConfigSyncConfig sync;
    sync.reload_duration = Duration::zero();
    sync.hitless = true;
    sync.min_reload_interval = spec.sync.min_sync_period;
    p.template_sync = sync;
  }
  p.balancer = balancer_of(spec.balancing);
  p.active_checks = active_checks_of(spec.health);
  p.outlier_detection = outlier_detection_of(spec.health);
  return std::make_unique<PerHostProxyPattern>(rt, std::move(c));
}

// --- api-gateway -----------------------------------------------------------------------------

constexpr std::string_view kApiGateway = "patterns.api_gateway";

HostId api_gateway_registry_host(const Scenario& scenario, const Platform& platform) {
  return component_host(scenario, platform, scenario.patterns.api_gateway.registry.host,
                        key_of(kApiGateway, "registry.host"), ComponentRole::registry);
}

// The gateway's host: its key, else the host reserved for the gateway, else the registry's.
HostId api_gateway_host(const Scenario& scenario, const Platform& platform) {
  const GatewaySpec& spec = scenario.patterns.api_gateway.gateway;
  if (!spec.host.empty())
    return host_named(platform, spec.host, key_of(kApiGateway, "gateway.host"));
  for (std::size_t i = 0; i < scenario.platform.reserved.size(); ++i) {
    const ReservedHostSpec& r = scenario.platform.reserved[i];
    if (r.role == ComponentRole::gateway)
      return host_named(platform, r.host, "platform.reserved[" + std::to_string(i) + "].host");
  }
  return api_gateway_registry_host(scenario, platform);
}

void check_api_gateway(const Scenario& scenario, const Platform& platform) {
  const ApiGatewaySpec& spec = scenario.patterns.api_gateway;
  api_gateway_registry_host(scenario, platform);
  const HostId gw = api_gateway_host(scenario, platform);
  if (!spec.gateway.standby_host.empty()) {
    const std::string key = key_of(kApiGateway, "gateway.standby_host");
    if (host_named(platform, spec.gateway.standby_host, key) == gw)
      throw std::invalid_argument(key + ": \"" + spec.gateway.standby_host +
                                  "\" is the active gateway's host; a standby needs a host of "
                                  "its own");
  }
  for (std::size_t i = 0; i < scenario.churn.components.size(); ++i) {
    if (scenario.churn.components[i].component == "gateway-standby" &&
        spec.gateway.standby_host.empty())
      throw std::invalid_argument("churn.components[" + std::to_string(i) +
                                  "].component: \"gateway-standby\" needs " +
                                  key_of(kApiGateway, "gateway.standby_host"));
  }
  if (spec.balancing.policy == BalancerKind::dns_rotated)
    throw std::invalid_argument(key_of(kApiGateway, "balancing.policy") +
                                ": \"dns-rotated\" is a DNS client's policy, not a gateway's");
}

std::unique_ptr<DiscoveryPattern> make_api_gateway(Runtime& rt, const Scenario& scenario,
                                                   const Platform& platform) {
  const ApiGatewaySpec& spec = scenario.patterns.api_gateway;
  ApiGatewayConfig config;
  CentralLbConfig& c = config.edge;
  c.registry_host = api_gateway_registry_host(scenario, platform);
  apply_registry(spec.registry, c.server);
  apply_registration(spec.registration, c.registry_host, c.registration);
  c.lb_host = api_gateway_host(scenario, platform);
  if (!spec.gateway.standby_host.empty())
    c.standby_host = host_named(platform, spec.gateway.standby_host,
                                key_of(kApiGateway, "gateway.standby_host"));
  c.failover_time = spec.gateway.failover_time;
  LbServerConfig& lb = c.lb;
  lb.workers = spec.gateway.workers;
  lb.connection_limit = spec.gateway.connection_limit;
  lb.service_time = spec.gateway.service_time;
  lb.try_timeout = spec.gateway.try_timeout;
  lb.retries = static_cast<std::uint32_t>(spec.gateway.retries);
  switch (spec.propagation.mode) {
    case PropagationMode::poll:
      lb.source = LbSource::poll;
      lb.poller.interval = spec.propagation.fetch_interval;
      lb.poller.delta = true;
      break;
    case PropagationMode::watch:
      lb.source = LbSource::watch;
      break;
    case PropagationMode::blocking_query:
      lb.source = LbSource::blocking_query;
      break;
  }
  lb.balancer = balancer_of(spec.balancing);
  lb.active_checks = active_checks_of(spec.health);
  lb.outlier_detection = outlier_detection_of(spec.health);
  // The internal callers' client library polls as client-side's does.
  config.dns_upstreams = spec.gateway.upstreams == GatewayUpstreams::dns;
  config.dns_stale_ttl = spec.gateway.dns_stale_ttl;
  config.internal_poller.interval = spec.propagation.fetch_interval;
  config.internal_poller.delta = true;
  config.internal_active_checks = lb.active_checks;
  // The gateway routes (L7): version subsets and weighted splits per route.
  if (!scenario.routes.empty())
    lb.routes = std::make_shared<const RouteTable>(route_table(scenario));
  config.internal_outlier_detection = lb.outlier_detection;
  return std::make_unique<ApiGatewayPattern>(rt, std::move(config));
}

// --- layouts (topology.json) -------------------------------------------------------------------
// The view subjects below are the names the patterns give their view holders: the registry's
// "registry/<name>" (RegistryServerConfig::name "main"), the DNS server's "dns-server/<name>"
// (DnsServer), an LB's or gateway's "<role>/primary" and "<role>/standby" (CentralLbPattern),
// a proxy's "proxy/<host>" (PerHostProxyPattern::launch), a node-local DNS cache's
// "node-local-dns/node-local/<host id>" (DnsPattern::resolver_upstream), a client library's
// "client/<caller>". An LB's view rows carry "<name>/<service>" when a template sync reports
// them (LbServer::make_source), hence the prefix rule of PlacedComponent::view.

PlacedComponent registry_component(HostId host) {
  return {"registry", "registry", host, "", "registry/main"};
}

// A client library that discovers from `source` and picks the instance itself.
CallerRoute client_library(const std::string& name, std::string source) {
  return {{}, "client/" + name, std::move(source)};
}

PatternLayout client_side_layout(const Scenario& scenario, const Platform& platform) {
  const HostId registry =
      component_host(scenario, platform, scenario.patterns.client_side.registry.host,
                     key_of(kClientSide, "registry.host"), ComponentRole::registry);
  return {{registry_component(registry)}, [](const std::string& name, const std::string&, bool) {
            return client_library(name, "registry");
          }};
}

PatternLayout dns_layout(const Scenario& scenario, const Platform& platform) {
  PatternLayout layout;
  layout.components.push_back(registry_component(dns_registry_host(scenario, platform)));
  layout.components.push_back(
      {"dns-server", "dns-server", dns_server_host(scenario, platform), "registry", "dns-server"});
  const bool node_local = scenario.patterns.dns.dns.node_local.enabled;
  if (node_local) {  // NodeLocal DNSCache: one per host, made with the host's first caller
    for (HostId h = 0; h < platform.host_count(); ++h)
      layout.components.push_back({"node-local@" + platform.host_name(h), "dns-cache", h,
                                   "dns-server", "node-local-dns/node-local/" + std::to_string(h)});
  }
  layout.route = [node_local](const std::string& name, const std::string& host, bool) {
    return client_library(name, node_local ? "node-local@" + host : "dns-server");
  };
  return layout;
}

// An LB (or a gateway) and its standby, fed from `source`; callers go through the active one.
void add_lb_pair(PatternLayout& layout, const std::string& role, const std::string& kind,
                 HostId active, std::optional<HostId> standby, const std::string& source) {
  layout.components.push_back({role, kind, active, source, role + "/primary"});
  if (standby)
    layout.components.push_back({role + "-standby", kind, *standby, source, role + "/standby"});
}

PatternLayout central_lb_layout(const Scenario& scenario, const Platform& platform) {
  const CentralLbSpec& spec = scenario.patterns.central_lb;
  PatternLayout layout;
  layout.components.push_back(registry_component(central_lb_registry_host(scenario, platform)));
  std::optional<HostId> standby;
  if (!spec.lb.standby_host.empty())
    standby = host_named(platform, spec.lb.standby_host, key_of(kCentralLb, "lb.standby_host"));
  add_lb_pair(layout, "lb", "load-balancer", central_lb_host(scenario, platform), standby,
              "registry");
  layout.route = [](const std::string&, const std::string&, bool) {
    return CallerRoute{{"lb"}, "lb/primary", ""};
  };
  return layout;
}

PatternLayout per_host_proxy_layout(const Scenario& scenario, const Platform& platform) {
  PatternLayout layout;
  layout.components.push_back(registry_component(per_host_proxy_registry_host(scenario, platform)));
  // One per host; the pattern starts it with the host's first caller.
  for (HostId h = 0; h < platform.host_count(); ++h) {
    const std::string& host = platform.host_name(h);
    layout.components.push_back(
        {std::string(kProxyComponent) + host, "proxy", h, "registry", "proxy/" + host});
  }
  layout.route = [](const std::string&, const std::string& host, bool) {
    return CallerRoute{{std::string(kProxyComponent) + host}, "proxy/" + host, ""};
  };
  return layout;
}

PatternLayout api_gateway_layout(const Scenario& scenario, const Platform& platform) {
  const ApiGatewaySpec& spec = scenario.patterns.api_gateway;
  PatternLayout layout;
  const HostId registry = api_gateway_registry_host(scenario, platform);
  layout.components.push_back(registry_component(registry));
  // gateway.upstreams: dns resolves the upstreams through a DNS server beside the registry.
  const bool dns = spec.gateway.upstreams == GatewayUpstreams::dns;
  if (dns) layout.components.push_back({"dns-server", "dns-server", registry, "registry", ""});
  std::optional<HostId> standby;
  if (!spec.gateway.standby_host.empty())
    standby = host_named(platform, spec.gateway.standby_host,
                         key_of(kApiGateway, "gateway.standby_host"));
  add_lb_pair(layout, "gateway", "gateway", api_gateway_host(scenario, platform), standby,
              dns ? "dns-server" : "registry");
  // North-south callers through the gateway; east-west ones with the client-side plugin.
  layout.route = [](const std::string& name, const std::string&, bool external) {
    if (external) return CallerRoute{{"gateway"}, "gateway/primary", ""};
    return client_library(name, "registry");
  };
  return layout;
}

const std::array<PatternEntry, 5>& pattern_table() {
  static const std::array<PatternEntry, 5> table{{
      {"client-side",
       kClientSide,
       &check_client_side,
       &make_client_side,
       {"registry"},
       &client_side_layout},
      {"dns", kDns, &check_dns, &make_dns, {"registry", "dns-server"}, &dns_layout},
      {"central-lb",
       kCentralLb,
       &check_central_lb,
       &make_central_lb,
       {"registry", "lb", "lb-standby"},
       &central_lb_layout},
      {"per-host-proxy",
       kPerHostProxy,
       &check_per_host_proxy,
       &make_per_host_proxy,
       {"registry", kProxyComponent},
       &per_host_proxy_layout},
      {"api-gateway",
       kApiGateway,
       &check_api_gateway,
       &make_api_gateway,
       {"registry", "gateway", "gateway-standby"},
       &api_gateway_layout},
  }};
  return table;
}

const std::vector<std::string_view>& runnable_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> list;
    for (const PatternEntry& entry : pattern_table()) list.push_back(entry.name);
    return list;
  }();
  return names;
}

const PatternEntry& entry_for(std::string_view name) {
  for (const PatternEntry& entry : pattern_table())
    if (entry.name == name) return entry;
  std::string runnable;
  for (auto p : runnable_names()) runnable += (runnable.empty() ? "" : ", ") + std::string(p);
  bool known = false;
  for (std::string_view p : kPatternNames) known = known || p == name;
  throw std::invalid_argument("pattern \"" + std::string(name) + "\" " +
                              (known ? "is not implemented yet" : "is unknown") +
                              "; runnable patterns: " + runnable);
}

}  // namespace

std::span<const std::string_view> runnable_patterns() { return runnable_names(); }

PatternContext pattern_context(const Scenario& scenario, const Platform& platform) {
  PatternContext context;
  for (std::size_t h = 0; h < platform.host_count(); ++h) {
    const auto id = static_cast<HostId>(h);
    context.hosts.push_back({id, platform.host_name(id), platform.zone_of(id), ""});
  }
  for (const ReservedHostSpec& r : scenario.platform.reserved) {
    const HostId id = platform.host_by_name(r.host);
    if (id != kNoHost) context.hosts[id].reserved_for = std::string(to_string(r.role));
  }
  return context;
}

RouteTable route_table(const Scenario& scenario) {
  RouteTable table;
  for (const RouteSpec& r : scenario.routes) {
    Route route{r.name, r.host, r.path, r.service, {}};
    for (const RouteVersionSpec& v : r.versions)
      route.versions.push_back({v.version, static_cast<std::uint32_t>(v.weight)});
    table.routes.push_back(std::move(route));
  }
  return table;
}

std::string_view pattern_section(std::string_view name) { return entry_for(name).section; }

// Every component the churn takes down is one this pattern runs.
void check_components(const PatternEntry& entry, const Scenario& scenario) {
  const auto& failures = scenario.churn.components;
  for (std::size_t i = 0; i < failures.size(); ++i) {
    const std::string& c = failures[i].component;
    // A name ending in '@' stands for one component per host: "proxy@" + a host name (the
    // pattern's check makes sure the host exists).
    if (std::any_of(entry.components.begin(), entry.components.end(), [&](std::string_view n) {
          return n == c || (n.ends_with('@') && c.starts_with(n) && c.size() > n.size());
        }))
      continue;
    std::string names;
    for (auto n : entry.components)
      names += (names.empty() ? "" : ", ") + std::string(n) + (n.ends_with('@') ? "<host>" : "");
    throw std::invalid_argument("churn.components[" + std::to_string(i) + "].component: \"" + c +
                                "\" is not a component of " + std::string(entry.name) +
                                " (its components: " + names + ")");
  }
}

void check_pattern(std::string_view name, const Scenario& scenario, const Platform& platform) {
  const PatternEntry& entry = entry_for(name);
  check_reserved_hosts(scenario, platform);
  check_components(entry, scenario);
  entry.check(scenario, platform);
}

PatternLayout pattern_layout(std::string_view name, const Scenario& scenario,
                             const Platform& platform) {
  check_pattern(name, scenario, platform);
  return entry_for(name).layout(scenario, platform);
}

std::unique_ptr<DiscoveryPattern> make_pattern(std::string_view name, Runtime& rt,
                                               const Scenario& scenario, const Platform& platform) {
  check_pattern(name, scenario, platform);
  return entry_for(name).make(rt, scenario, platform);
}

}  // namespace discolab

#include "sim/run/pattern_factory.h"

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "patterns/client_side/client_side_pattern.h"
#include "patterns/health/active_health_checker.h"
#include "patterns/health/outlier_detector.h"
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

constexpr std::string_view kClientSide = "patterns.client_side";

void check_client_side(const Scenario& scenario, const Platform& platform) {
  const ClientSideSpec& spec = scenario.patterns.client_side;
  component_host(scenario, platform, spec.registry.host, key_of(kClientSide, "registry.host"),
                 ComponentRole::registry);
  require_value(spec.propagation.mode, PropagationMode::poll,
                key_of(kClientSide, "propagation.mode"), "client-side");
}

std::unique_ptr<DiscoveryPattern> make_client_side(Runtime& rt, const Scenario& scenario,
                                                   const Platform& platform) {
  const ClientSideSpec& spec = scenario.patterns.client_side;
  ClientSideConfig c;
  c.registry_host = component_host(scenario, platform, spec.registry.host,
                                   key_of(kClientSide, "registry.host"), ComponentRole::registry);
  c.server.eviction_interval = spec.registry.eviction_interval;
  c.server.catalog.expiry = spec.registry.eureka_double_expiry ? registry::ExpiryRule::eureka
                                                               : registry::ExpiryRule::exact;
  c.server.response_cache_refresh = spec.registry.response_cache_interval;
  c.registration.lease = spec.registration.lease_duration;
  c.registration.heartbeat_interval = spec.registration.heartbeat_interval;
  c.poller.interval = spec.propagation.fetch_interval;
  c.poller.delta = true;
  c.balancer.kind = spec.balancing.policy;
  c.balancer.least_request.choice_count =
      static_cast<std::uint32_t>(spec.balancing.least_request_choices);
  // Sidecar and orchestrator registration write to the same registry; the orchestrator runs
  // beside it.
  c.registration_mode = spec.registration.mode;
  c.sidecar.registration.lease = spec.registration.lease_duration;
  c.sidecar.registration.heartbeat_interval = spec.registration.heartbeat_interval;
  c.orchestrator_host = c.registry_host;
  // Health checks by the client library (Ribbon's pinging, Envoy-style outlier detection).
  if (spec.health.active.enabled) {
    ActiveHealthCheckConfig a;
    a.interval = spec.health.active.interval;
    a.timeout = spec.health.active.timeout;
    a.fall = static_cast<std::uint32_t>(spec.health.active.unhealthy_threshold);
    a.rise = static_cast<std::uint32_t>(spec.health.active.healthy_threshold);
    a.spread_first_check = true;  // independent clients do not check in lockstep
    c.active_checks = a;
  }
  if (spec.health.passive.enabled) {
    OutlierDetectionConfig o;
    o.consecutive_failures = static_cast<std::uint32_t>(spec.health.passive.consecutive_failures);
    o.base_ejection_time = spec.health.passive.ejection_time;
    c.outlier_detection = o;
  }
  return std::make_unique<ClientSidePattern>(rt, std::move(c));
}

const std::array<PatternEntry, 1>& pattern_table() {
  static const std::array<PatternEntry, 1> table{{
      {"client-side", kClientSide, &check_client_side, &make_client_side, {"registry"}},
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

std::string_view pattern_section(std::string_view name) { return entry_for(name).section; }

// Every component the churn takes down is one this pattern runs.
void check_components(const PatternEntry& entry, const Scenario& scenario) {
  const auto& failures = scenario.churn.components;
  for (std::size_t i = 0; i < failures.size(); ++i) {
    const std::string& c = failures[i].component;
    if (std::find(entry.components.begin(), entry.components.end(), c) != entry.components.end())
      continue;
    std::string names;
    for (auto n : entry.components) names += (names.empty() ? "" : ", ") + std::string(n);
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

std::unique_ptr<DiscoveryPattern> make_pattern(std::string_view name, Runtime& rt,
                                               const Scenario& scenario, const Platform& platform) {
  check_pattern(name, scenario, platform);
  return entry_for(name).make(rt, scenario, platform);
}

}  // namespace discolab

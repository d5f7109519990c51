#include "sim/run/pattern_factory.h"

#include <array>
#include <stdexcept>
#include <string>

#include "patterns/client_side/client_side_pattern.h"
#include "sim/scenario/enum_names.h"

namespace discolab {
namespace {

constexpr std::array<std::string_view, 1> kRunnable{"client-side"};

HostId host_or_first(const Platform& platform, const std::string& name, std::string_view key) {
  if (name.empty()) return 0;
  const HostId host = platform.host_by_name(name);
  if (host == kNoHost) {
    throw std::invalid_argument(std::string(key) + ": no host named \"" + name +
                                "\" in the platform");
  }
  return host;
}

std::unique_ptr<DiscoveryPattern> make_client_side(Runtime& rt, const Scenario& scenario,
                                                   const Platform& platform) {
  const ClientSideSpec& spec = scenario.patterns.client_side;
  ClientSideConfig c;
  c.registry_host =
      host_or_first(platform, spec.registry_host, "patterns.client_side.registry_host");
  c.server.eviction_interval = spec.eviction_interval;
  c.server.catalog.expiry =
      spec.eureka_double_expiry ? registry::ExpiryRule::eureka : registry::ExpiryRule::exact;
  c.server.response_cache_refresh = spec.response_cache_interval;
  c.registration.lease = spec.lease_duration;
  c.registration.heartbeat_interval = spec.heartbeat_interval;
  c.poller.interval = spec.fetch_interval;
  c.poller.delta = true;
  c.balancer.kind = spec.balancer;
  c.balancer.least_request.choice_count = spec.least_request_choices;
  return std::make_unique<ClientSidePattern>(rt, std::move(c));
}

}  // namespace

std::span<const std::string_view> runnable_patterns() { return kRunnable; }

void check_pattern(std::string_view name, const Scenario& scenario, const Platform& platform) {
  if (name == "client-side") {
    host_or_first(platform, scenario.patterns.client_side.registry_host,
                  "patterns.client_side.registry_host");
    return;
  }
  std::string runnable;
  for (auto p : kRunnable) runnable += (runnable.empty() ? "" : ", ") + std::string(p);
  bool known = false;
  for (std::string_view p : kPatternNames) known = known || p == name;
  throw std::invalid_argument("pattern \"" + std::string(name) + "\" " +
                              (known ? "is not implemented yet" : "is unknown") +
                              "; runnable patterns: " + runnable);
}

std::unique_ptr<DiscoveryPattern> make_pattern(std::string_view name, Runtime& rt,
                                               const Scenario& scenario, const Platform& platform) {
  check_pattern(name, scenario, platform);
  return make_client_side(rt, scenario, platform);
}

}  // namespace discolab

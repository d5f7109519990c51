#include "sim/scenario/scenario_checks.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/scenario/call_graph_check.h"
#include "sim/scenario/host_names.h"
#include "sim/scenario/suggest.h"
#include "sim/scenario/units.h"

namespace discolab {
namespace {

std::string indexed(const std::string& list, std::size_t i) {
  return list + "[" + std::to_string(i) + "]";
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Names in a list must be unique: they are how clients, churn and --set refer to items.
template <class Item>
void check_unique_names(const std::vector<Item>& items, const std::string& list, IssueLog& log) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].name.empty()) continue;  // already reported as missing
    auto [it, inserted] = first.emplace(items[i].name, i);
    if (!inserted)
      log.at_path(indexed(list, i) + ".name", "duplicate name \"" + items[i].name + "\" (also " +
                                                  indexed(list, it->second) + ")");
  }
}

void check_service_reference(const std::string& name, const std::vector<std::string>& services,
                             const std::string& path, IssueLog& log) {
  if (!name.empty() && !contains(services, name))
    log.at_path(path, not_one_of(name, "one of the services", services));
}

void check_host_reference(const std::string& host, const Scenario& scenario,
                          const std::string& path, IssueLog& log) {
  if (host.empty() || scenario.platform.topology == Topology::file) return;
  const auto hosts = platform_host_names(scenario.platform);
  if (contains(hosts, host)) return;
  std::string message = "\"" + host + "\" is not a host of this platform (" +
                        describe_platform_hosts(scenario.platform) + ")";
  if (auto suggestion = closest_match(host, hosts))
    message += "; did you mean \"" + *suggestion + "\"?";
  log.at_path(path, message);
}

// Reserved hosts must exist and leave at least one host for containers (a platform file's
// hosts are checked when it is loaded, sim/run/pattern_factory.cpp).
void check_reserved_hosts(const Scenario& scenario, IssueLog& log) {
  const auto& reserved = scenario.platform.reserved;
  for (std::size_t i = 0; i < reserved.size(); ++i)
    check_host_reference(reserved[i].host, scenario, indexed("platform.reserved", i) + ".host",
                         log);
  if (reserved.empty() || scenario.platform.topology == Topology::file) return;
  const auto hosts = platform_host_names(scenario.platform);
  const bool all = std::all_of(hosts.begin(), hosts.end(), [&](const std::string& host) {
    return std::any_of(reserved.begin(), reserved.end(),
                       [&](const ReservedHostSpec& r) { return r.host == host; });
  });
  if (all)
    log.at_path("platform.reserved", "reserves every host of the platform (" +
                                         std::to_string(hosts.size()) +
                                         "); containers need at least one host left");
}

void check_platform(const PlatformSpec& platform, IssueLog& log) {
  if (platform.topology == Topology::file) {
    if (platform.file.empty())
      log.at_path("platform.topology", "topology file needs platform.file (a SimGrid XML)");
    else if (!std::filesystem::is_regular_file(platform.file))
      log.at_path("platform.file", "no such file: " + platform.file);
  } else if (!platform.file.empty()) {
    log.at_path("platform.file", "only read when platform.topology is file");
  }
}

void check_metrics(const Scenario& scenario, IssueLog& log) {
  const std::string run = " the run's duration (" + format_duration(scenario.duration) + ")";
  if (scenario.metrics.interval > scenario.duration)
    log.at_path("metrics.interval",
                format_duration(scenario.metrics.interval) + " is longer than" + run);
  if (scenario.metrics.warmup >= scenario.duration)
    log.at_path("metrics.warmup",
                format_duration(scenario.metrics.warmup) + " is not shorter than" + run);
}

// The name becomes a folder under results/: one plain path component, nothing hidden.
void check_scenario_name(const std::string& name, IssueLog& log) {
  const bool has_separator = name.find_first_of("/\\") != std::string::npos;
  const bool has_control = std::any_of(name.begin(), name.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (has_separator || has_control || name.starts_with('.'))
    log.at_path("name", "\"" + name +
                            "\" cannot name a results folder: no path separators, control "
                            "characters or leading '.'");
}

// Routes name services; clients name routes, and a client's route leads to its target.
void check_routes(const Scenario& scenario, const std::vector<std::string>& services,
                  IssueLog& log) {
  check_unique_names(scenario.routes, "routes", log);
  std::vector<std::string> routes;
  for (std::size_t i = 0; i < scenario.routes.size(); ++i) {
    const RouteSpec& r = scenario.routes[i];
    routes.push_back(r.name);
    check_service_reference(r.service, services, indexed("routes", i) + ".service", log);
    int total = 0;
    for (const RouteVersionSpec& v : r.versions) total += v.weight;
    if (!r.versions.empty() && total == 0)
      log.at_path(indexed("routes", i) + ".versions", "every weight is 0: no version to send to");
  }
  for (std::size_t i = 0; i < scenario.clients.size(); ++i) {
    const ClientSpec& c = scenario.clients[i];
    if (c.route.empty()) continue;
    const std::string path = indexed("clients", i) + ".route";
    auto it = std::find(routes.begin(), routes.end(), c.route);
    if (it == routes.end()) {
      log.at_path(path, not_one_of(c.route, "one of the routes", routes));
      continue;
    }
    const RouteSpec& r = scenario.routes[static_cast<std::size_t>(it - routes.begin())];
    if (!c.target.empty() && r.service != c.target)
      log.at_path(path, "route \"" + c.route + "\" leads to \"" + r.service +
                            "\", not to the client's target \"" + c.target + "\"");
  }
}

// A percentage of endpoints is at most 100, in every pattern's health section.
void check_ejection_percents(const Scenario& scenario, IssueLog& log) {
  const PatternsSpec& p = scenario.patterns;
  const std::pair<const HealthSpec*, const char*> sections[] = {
      {&p.client_side.health, "client_side"},
      {&p.dns.health, "dns"},
      {&p.central_lb.health, "central_lb"},
      {&p.per_host_proxy.health, "per_host_proxy"},
      {&p.api_gateway.health, "api_gateway"}};
  for (const auto& [health, name] : sections)
    if (health->passive.max_ejection_percent > 100.0)
      log.at_path(std::string("patterns.") + name + ".health.passive.max_ejection_percent",
                  format_number(health->passive.max_ejection_percent) +
                      " is not a percentage (at most 100)");
}

}  // namespace

void check_scenario(const Scenario& scenario, IssueLog& log) {
  check_ejection_percents(scenario, log);
  check_scenario_name(scenario.name, log);
  check_platform(scenario.platform, log);
  check_metrics(scenario, log);

  check_unique_names(scenario.services, "services", log);
  check_unique_names(scenario.clients, "clients", log);
  std::vector<std::string> services;
  for (const ServiceSpec& service : scenario.services) services.push_back(service.name);

  for (std::size_t i = 0; i < scenario.clients.size(); ++i)
    check_service_reference(scenario.clients[i].target, services, indexed("clients", i) + ".target",
                            log);
  check_routes(scenario, services, log);
  const ChurnSpec& churn = scenario.churn;
  for (std::size_t i = 0; i < churn.crashes.services.size(); ++i)
    check_service_reference(churn.crashes.services[i], services,
                            indexed("churn.crashes.services", i), log);
  for (std::size_t i = 0; i < churn.rolling_updates.size(); ++i)
    check_service_reference(churn.rolling_updates[i].service, services,
                            indexed("churn.rolling_updates", i) + ".service", log);
  for (std::size_t i = 0; i < churn.host_failures.size(); ++i)
    check_host_reference(churn.host_failures[i].host, scenario,
                         indexed("churn.host_failures", i) + ".host", log);
  check_call_graph(scenario, log);
  check_reserved_hosts(scenario, log);
  check_host_reference(scenario.patterns.client_side.registry.host, scenario,
                       "patterns.client_side.registry.host", log);
  check_host_reference(scenario.patterns.dns.registry.host, scenario, "patterns.dns.registry.host",
                       log);
  check_host_reference(scenario.patterns.dns.dns.server.host, scenario,
                       "patterns.dns.dns.server.host", log);
}

}  // namespace discolab

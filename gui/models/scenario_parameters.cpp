#include "gui/models/scenario_parameters.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "sim/run/pattern_factory.h"
#include "sim/scenario/schema_tree.h"
#include "sim/scenario/units.h"

namespace discolab::gui {
namespace {

struct Spec {
  std::string path, label, unit;
  double scale = 1.0;
  double maximum = 1.0;  // display units, before widening to the value in effect
};

// One pattern's parameters, relative to its section (patterns.<section>.).
const std::vector<Spec>& pattern_specs(std::string_view pattern) {
  static const Spec lease{"registration.lease_duration", "lease duration", "s", 1, 120};
  static const Spec heartbeat{"registration.heartbeat_interval", "heartbeat interval", "s", 1, 60};
  static const Spec balancer{"balancing.policy", "balancer", "", 1, 0};
  static const Spec fetch{"propagation.fetch_interval", "fetch interval", "s", 1, 60};
  static const Spec mode{"propagation.mode", "propagation", "", 1, 0};
  static const Spec check{"health.active.interval", "health-check interval", "s", 1, 30};
  static const Spec fall{"health.active.unhealthy_threshold", "unhealthy threshold", "", 1, 10};
  static const Spec rise{"health.active.healthy_threshold", "healthy threshold", "", 1, 10};
  static const std::vector<Spec> client_side{fetch, heartbeat, lease, balancer};
  static const std::vector<Spec> dns{{"dns.server.ttl", "DNS TTL", "s", 1, 120},
                                     {"dns.client.cache", "client DNS cache", "", 1, 0},
                                     mode,
                                     lease,
                                     balancer};
  static const std::vector<Spec> central_lb{
      mode,  check,   fall, rise, {"lb.failover_time", "failover time (HA pair)", "s", 1, 60},
      lease, balancer};
  static const std::vector<Spec> per_host_proxy{
      mode, {"sync.min_sync_period", "min sync period", "s", 1, 10}, lease, balancer};
  static const std::vector<Spec> api_gateway{mode, fetch, check, fall, rise, lease, balancer};
  static const std::vector<Spec> none;
  if (pattern == "client-side") return client_side;
  if (pattern == "dns") return dns;
  if (pattern == "central-lb") return central_lb;
  if (pattern == "per-host-proxy") return per_host_proxy;
  if (pattern == "api-gateway") return api_gateway;
  return none;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  return parts;
}

struct Found {
  const schema::Key* key = nullptr;
  const void* object = nullptr;
};

// The key at a --set path and the struct holding its field; list items by name.
std::optional<Found> find_key(const Scenario& scenario, const std::string& path) {
  const schema::Section* section = &schema::scenario_root_section();
  const void* object = &scenario;
  const std::vector<std::string> parts = split_path(path);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const schema::Key* key = section->find(parts[i]);
    if (key == nullptr) return std::nullopt;
    if (i + 1 == parts.size()) return Found{key, object};
    if (key->kind == schema::KeyKind::section) {
      object = key->child_of(object);
      section = key->section.get();
    } else if (key->kind == schema::KeyKind::list && i + 2 < parts.size()) {
      const std::string& name = parts[++i];
      const schema::Key* name_key = key->section->find(key->section->name_key);
      const void* item = nullptr;
      for (const void* candidate : key->items(object))
        if (name_key != nullptr && name_key->format(candidate) == std::vector<std::string>{name})
          item = candidate;
      if (item == nullptr) return std::nullopt;
      object = item;
      section = key->section.get();
    } else {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

ParameterKind kind_of(const schema::Key& key) {
  if (!key.choices.empty()) return ParameterKind::choice;
  if (key.type_name == "whole number") return ParameterKind::whole;
  if (key.type_name == "duration") return ParameterKind::duration;
  if (key.type_name == "rate") return ParameterKind::rate;
  return ParameterKind::number;
}

// The schema value of a text, in seconds / per second / as a number.
std::optional<double> schema_value(ParameterKind kind, const std::string& text) {
  switch (kind) {
    case ParameterKind::duration:
      if (auto d = try_parse_duration(text)) return to_seconds(*d);
      return std::nullopt;
    case ParameterKind::rate:
      return try_parse_rate_per_s(text);
    case ParameterKind::whole:
    case ParameterKind::number:
      return try_parse_number(text);
    case ParameterKind::choice:
      return std::nullopt;
  }
  return std::nullopt;
}

// The lower bound of "≥ 0", "> 0s", "≥ 2" in display units; an exclusive bound is raised by
// the smallest step a spin box offers (1 for whole numbers, 1 ms or 0.001 otherwise).
double minimum_of(const schema::Key& key, ParameterKind kind, double scale) {
  const std::string& bounds = key.bounds;
  const std::string at_least = "≥ ", above = "> ";
  bool exclusive = false;
  std::string rest;
  if (bounds.starts_with(at_least)) {
    rest = bounds.substr(at_least.size());
  } else if (bounds.starts_with(above)) {
    rest = bounds.substr(above.size());
    exclusive = true;
  } else {
    return 0.0;
  }
  const double value = schema_value(kind, rest).value_or(0.0) * scale;
  if (!exclusive) return value;
  return value + (kind == ParameterKind::whole ? 1.0 : 0.001);
}

void add(std::vector<Parameter>& out, const Scenario& scenario, const std::string& group,
         const Spec& spec) {
  const auto found = find_key(scenario, spec.path);
  if (!found || found->key->kind != schema::KeyKind::scalar) return;
  const schema::Key& key = *found->key;
  const auto texts = key.format(found->object);
  if (texts.empty()) return;  // an optional value left absent
  Parameter p;
  p.path = spec.path;
  p.label = spec.label;
  p.group = group;
  p.kind = kind_of(key);
  p.unit = spec.unit;
  p.scale = spec.scale;
  p.choices = key.choices;
  p.help = key.help;
  p.text = texts.front();
  if (p.kind != ParameterKind::choice) {
    p.value = schema_value(p.kind, p.text).value_or(0.0) * p.scale;
    p.minimum = minimum_of(key, p.kind, p.scale);
    p.maximum = std::max({spec.maximum, 4 * p.value, p.minimum + 1});
  }
  out.push_back(std::move(p));
}

}  // namespace

std::vector<Parameter> scenario_parameters(const Scenario& scenario) {
  std::vector<Parameter> out;
  add(out, scenario, "Cluster", {"duration", "simulated time", "s", 1, 3600});
  if (scenario.platform.topology == Topology::leaf_spine)
    add(out, scenario, "Cluster", {"platform.racks", "racks", "", 1, 16});
  if (scenario.platform.topology != Topology::file)
    add(out, scenario, "Cluster", {"platform.hosts_per_rack", "hosts per rack", "", 1, 64});
  for (const ServiceSpec& s : scenario.services)
    add(out, scenario, "Cluster",
        {"services." + s.name + ".replicas", s.name + " replicas", "", 1, 100});
  for (const ClientSpec& c : scenario.clients) {
    add(out, scenario, "Workload",
        {"clients." + c.name + ".rate", c.name + " request rate per caller", "/s", 1, 1000});
    add(out, scenario, "Workload",
        {"clients." + c.name + ".count", c.name + " callers", "", 1, 64});
  }
  add(out, scenario, "Churn",
      {"churn.crashes.rate_per_instance", "crash rate per instance", "/h", 3600, 60});
  for (std::string_view pattern : runnable_patterns()) {
    const std::string prefix = std::string(pattern_section(pattern)) + ".";
    for (const Spec& spec : pattern_specs(pattern)) {
      Spec full = spec;
      full.path = prefix + spec.path;
      add(out, scenario, std::string(pattern), full);
    }
  }
  return out;
}

std::optional<std::string> parameter_text(const Parameter& parameter, double display_value) {
  if (parameter.kind == ParameterKind::choice) return std::nullopt;
  if (!std::isfinite(display_value) || display_value < parameter.minimum - 1e-9)
    return std::nullopt;
  const double value = display_value / parameter.scale;
  switch (parameter.kind) {
    case ParameterKind::whole:
      return std::to_string(std::llround(value));
    case ParameterKind::duration:
      return format_duration(from_seconds(value));
    case ParameterKind::rate:
      return format_rate_per_s(value);
    case ParameterKind::number:
      return format_number(value);
    case ParameterKind::choice:
      break;
  }
  return std::nullopt;
}

}  // namespace discolab::gui

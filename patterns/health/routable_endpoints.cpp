#include "patterns/health/routable_endpoints.h"

#include <algorithm>

#include "patterns/core/observer.h"

namespace discolab {

RoutingSelection select_routable(const EndpointListPtr& discovered, const HealthState& health,
                                 double panic_threshold_percent) {
  RoutingSelection out;
  if (!discovered || discovered->empty()) {
    out.endpoints = std::make_shared<const EndpointList>();
    return out;
  }
  auto healthy = std::make_shared<EndpointList>();
  healthy->reserve(discovered->size());
  for (const auto& e : *discovered) {
    if (health.healthy(e.instance)) healthy->push_back(e);
  }
  out.healthy = healthy->size();
  const double healthy_percent =
      100.0 * static_cast<double>(out.healthy) / static_cast<double>(discovered->size());
  if (healthy_percent < panic_threshold_percent) {
    out.panic = true;
    out.endpoints = discovered;
  } else if (out.healthy == discovered->size()) {
    out.endpoints = discovered;
  } else {
    out.endpoints = std::move(healthy);
  }
  return out;
}

RoutableEndpoints::RoutableEndpoints(Runtime& rt, std::string_view component,
                                     std::string_view service, double panic_threshold_percent)
    : rt_(rt),
      panic_threshold_percent_(panic_threshold_percent),
      view_(rt.observer().view_opened(component, service)),
      current_{std::make_shared<const EndpointList>(), false, 0} {}

RoutableEndpoints::~RoutableEndpoints() { rt_.observer().view_closed(view_); }

bool RoutableEndpoints::update(const EndpointListPtr& discovered, const HealthState& health) {
  RoutingSelection next = select_routable(discovered, health, panic_threshold_percent_);
  const bool list_changed =
      next.endpoints != current_.endpoints && *next.endpoints != *current_.endpoints;
  current_ = std::move(next);
  if (!list_changed) return false;
  std::vector<InstanceId> members = instance_ids(*current_.endpoints);
  std::sort(members.begin(), members.end());  // the observer wants ascending ids
  if (members != members_) {
    members_ = std::move(members);
    rt_.observer().view_changed(view_, members_);
  }
  return true;
}

}  // namespace discolab

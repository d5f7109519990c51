// The list a balancer should use: the healthy endpoints, or all of them in panic.
//
// Panic routing (Envoy's healthy_panic_threshold, default 50 %): when the healthy share of the
// discovered endpoints falls below the threshold, health is ignored and traffic goes to all
// of them. The reasoning: when most endpoints look unhealthy, the checks are more likely wrong
// (or the survivors would be crushed) than the endpoints are all down. A threshold of 0
// disables panic: with no healthy endpoint the list is empty and picks fail with no_endpoint.
//
// RoutableEndpoints is a view in the sense of docs/architecture.md, decision 3: it reports its
// members to runtime.observer() when they change, under the component name its owner passes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/runtime.h"
#include "patterns/health/health_state.h"

namespace discolab {

struct RoutingSelection {
  EndpointListPtr endpoints;  // `discovered` itself when nothing is filtered out
  bool panic = false;
  std::size_t healthy = 0;  // healthy endpoints among the discovered ones
};

// Pure: healthy endpoints of `discovered` (order kept), or all of them when
// 100·healthy / total < panic_threshold_percent.
RoutingSelection select_routable(const EndpointListPtr& discovered, const HealthState& health,
                                 double panic_threshold_percent);

class RoutableEndpoints {
 public:
  // `component` names the holder for the observer ("lb/web"), `service` the service viewed.
  RoutableEndpoints(Runtime& rt, std::string_view component, std::string_view service,
                    double panic_threshold_percent = 50.0);
  ~RoutableEndpoints();
  RoutableEndpoints(const RoutableEndpoints&) = delete;
  RoutableEndpoints& operator=(const RoutableEndpoints&) = delete;

  // Recomputes from the latest discovery answer and health. Returns true when the routable
  // list differs from the previous one (the caller then updates its balancer); the observer
  // hears only of changes of membership.
  bool update(const EndpointListPtr& discovered, const HealthState& health);

  const EndpointListPtr& endpoints() const { return current_.endpoints; }
  bool panic() const { return current_.panic; }
  std::size_t healthy_count() const { return current_.healthy; }

 private:
  Runtime& rt_;
  double panic_threshold_percent_;
  ViewId view_;
  RoutingSelection current_;
  std::vector<InstanceId> members_;
};

}  // namespace discolab

// Where a run's discovery pattern runs its own components and how each caller's requests reach
// an instance: what topology.json records (docs/metrics.md) so that a finished run can be
// replayed on a picture of the cluster (the GUI's cluster view, docs/gui.md).
//
// The pattern factory fills it (pattern_layout(), sim/run/pattern_factory.h) from the same
// host rules it builds the pattern with; the names are the ones the pattern reports: the
// component names of churn.components ("registry", "lb", "proxy@host3") and the subjects of
// its view rows in events.csv ("registry/main", "lb/primary", "client/users-0").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "patterns/core/ids.h"

namespace discolab {

struct PlacedComponent {
  std::string name;  // as churn.components names it: "registry", "lb", "proxy@host3"
  std::string kind;  // registry | dns-server | dns-cache | load-balancer | proxy | gateway
  HostId host = kNoHost;
  std::string source;  // the component it learns the instances from; "" for the registry
  // Its views' subject in events.csv: the rows whose subject is this, or this + "/…" (an LB
  // reports "lb/primary" or, behind a template sync, "lb/primary/<service>"); "" when none.
  std::string view;
};

// How one caller's requests reach an instance.
struct CallerRoute {
  std::vector<std::string> via;  // components a request crosses, in order (none: direct)
  std::string view;              // the subject (as PlacedComponent::view) of the view that
                                 // picks the instance
  std::string source;            // where the caller itself discovers; "" when it holds no view
};

struct PatternLayout {
  std::vector<PlacedComponent> components;
  // The route of a caller named `name` on `host` (host name `host_name`), external or not.
  std::function<CallerRoute(const std::string& name, const std::string& host_name, bool external)>
      route;
};

// The host of a client group's caller: callers are placed round-robin over every host, in
// the order of `clients` and of each group's callers (caller_index counts across groups).
inline HostId client_caller_host(std::uint64_t caller_index, std::size_t host_count) {
  return static_cast<HostId>(caller_index % host_count);
}

}  // namespace discolab

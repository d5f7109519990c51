// An L7 intermediary's per-try choice for routed requests: a TargetChooser over an Upstream.
//
// A request whose route (RouteTable) splits over versions gets a version drawn by weight from
// the chooser's "route-split" stream (keyed by the intermediary: one stream per gateway, as
// Envoy's weighted_clusters draw per request), then an instance of that version subset: the
// upstream's routable endpoints filtered by ServiceEndpoint::version, picked by a balancer of
// the upstream's policy kept per subset (Envoy's subset load balancer keeps one per subset).
// Retries draw again (Envoy re-selects the weighted cluster on retry). An empty subset gives
// no_endpoint. Requests without a route, or whose route has no versions, are the upstream's.
// Feedback goes to the upstream (its balancer, outlier detection) and the subset's balancer.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "patterns/core/runtime.h"
#include "patterns/routing/route_table.h"
#include "patterns/upstream/upstream.h"

namespace discolab {

class RouteChooser final : public TargetChooser {
 public:
  // `entity` keys the chooser's streams ("gateway/primary/web"); `table` outlives it.
  RouteChooser(Runtime& rt, std::string entity, const RouteTable& table, Upstream& upstream,
               BalancerConfig balancer);

  TargetChoice choose(const Request& request, std::span<const InstanceId> tried) override;
  void on_ready(std::function<void()> ready) override { upstream_.on_ready(std::move(ready)); }
  void try_started(const CallTarget& target) override;
  void try_finished(const CallTarget& target, Duration latency, bool ok) override;

  // The version a request of `route` goes to (a weighted draw); "" when it has no versions.
  std::string draw_version(const Route& route);
  std::uint64_t picks(const std::string& version) const;

 private:
  struct Subset {
    EndpointListPtr from;  // the routable list it was filtered from
    std::unique_ptr<Balancer> balancer;
    std::uint64_t picks = 0;
  };
  Subset& subset(const std::string& version);

  Runtime& rt_;
  std::string entity_;
  const RouteTable& table_;
  Upstream& upstream_;
  BalancerConfig balancer_;
  RandomStream split_;
  RandomStream picks_;
  std::map<std::string, Subset> subsets_;
};

}  // namespace discolab

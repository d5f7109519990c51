#include "patterns/routing/route_chooser.h"

#include <algorithm>

#include "patterns/balancing/factory.h"

namespace discolab {

RouteChooser::RouteChooser(Runtime& rt, std::string entity, const RouteTable& table,
                           Upstream& upstream, BalancerConfig balancer)
    : rt_(rt),
      entity_(std::move(entity)),
      table_(table),
      upstream_(upstream),
      balancer_(std::move(balancer)),
      split_(rt.random(entity_, "route-split")),
      picks_(rt.random(entity_, "subset-pick")) {}

std::string RouteChooser::draw_version(const Route& route) {
  std::uint64_t total = 0;
  for (const VersionWeight& v : route.versions) total += v.weight;
  if (total == 0) return {};
  std::uint64_t x = split_.uniform_int(0, total - 1);
  for (const VersionWeight& v : route.versions) {
    if (x < v.weight) return v.version;
    x -= v.weight;
  }
  return route.versions.back().version;
}

RouteChooser::Subset& RouteChooser::subset(const std::string& version) {
  auto [it, fresh] = subsets_.try_emplace(version);
  Subset& s = it->second;
  if (fresh)
    s.balancer = make_balancer(balancer_, rt_.random(entity_ + "/" + version, "balancer-setup"),
                               [this] { return rt_.now(); });
  const EndpointListPtr& routable = upstream_.routable();
  if (s.from != routable) {  // the upstream's list changed: filter it again
    auto filtered = std::make_shared<EndpointList>();
    if (routable) {
      for (const ServiceEndpoint& e : *routable)
        if (e.version == version) filtered->push_back(e);
    }
    s.balancer->update(std::move(filtered));
    s.from = routable;
  }
  return s;
}

TargetChoice RouteChooser::choose(const Request& request, std::span<const InstanceId> tried) {
  const Route* route = table_.find(request.route);
  if (route == nullptr || route->versions.empty()) return upstream_.choose(request, tried);
  // Discovery first, as the upstream sees it (pending, a source failure).
  if (upstream_.source().pending()) return upstream_.choose(request, tried);
  const std::string version = draw_version(*route);
  Subset& s = subset(version);
  const std::size_t n = s.balancer->endpoints().size();
  if (n == 0) return FailureCause::no_endpoint;
  PickContext ctx{request.hash_key, &picks_};
  PickResult pick = s.balancer->pick(ctx);
  const auto is_tried = [&](InstanceId id) {
    return std::find(tried.begin(), tried.end(), id) != tried.end();
  };
  for (std::size_t k = 1; k < n && pick.ok() && is_tried(pick.endpoint.instance); ++k)
    pick = s.balancer->pick(ctx);
  if (!pick.ok()) return FailureCause::no_endpoint;
  ++s.picks;
  return CallTarget{pick.endpoint.address, pick.endpoint.instance};
}

void RouteChooser::try_started(const CallTarget& target) {
  upstream_.try_started(target);
  for (auto& [version, s] : subsets_) {
    if (auto pos = s.balancer->picker().position_of(target.instance))
      s.balancer->on_start(s.balancer->endpoints()[*pos]);
  }
}

void RouteChooser::try_finished(const CallTarget& target, Duration latency, bool ok) {
  upstream_.try_finished(target, latency, ok);
  for (auto& [version, s] : subsets_) {
    if (auto pos = s.balancer->picker().position_of(target.instance))
      s.balancer->on_finish(s.balancer->endpoints()[*pos], latency, ok);
  }
}

std::uint64_t RouteChooser::picks(const std::string& version) const {
  auto it = subsets_.find(version);
  return it == subsets_.end() ? 0 : it->second.picks;
}

}  // namespace discolab

#include "sim/platform/platform.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/platform/simgrid_session.h"
#include "sim/platform/topology.h"

namespace discolab {

Platform::Platform(PlatformParts parts) : parts_(std::move(parts)) {
  attach_count_ = parts_.attach_names.size();
  if (parts_.hosts.empty()) throw std::invalid_argument("platform: no hosts");
  if (parts_.core.size() != attach_count_ * attach_count_) {
    throw std::invalid_argument("platform: core route matrix does not match attachment points");
  }
  legs_.reserve(parts_.hosts.size());
  for (const auto& h : parts_.hosts) {
    if (h.attach >= attach_count_) throw std::invalid_argument("platform: bad attachment");
    if (h.zone >= parts_.zone_count) throw std::invalid_argument("platform: bad zone");
    legs_.push_back(leg(h.access, h.attach));
  }
  core_legs_.reserve(parts_.core.size());
  for (const auto& r : parts_.core) core_legs_.push_back(leg(r, 0));
  by_name_.resize(parts_.hosts.size());
  for (HostId i = 0; i < by_name_.size(); ++i) by_name_[i] = i;
  std::sort(by_name_.begin(), by_name_.end(),
            [&](HostId a, HostId b) { return parts_.hosts[a].name < parts_.hosts[b].name; });
  for (std::size_t i = 1; i < by_name_.size(); ++i) {
    if (parts_.hosts[by_name_[i - 1]].name == parts_.hosts[by_name_[i]].name) {
      throw std::invalid_argument("platform: duplicate host name " +
                                  parts_.hosts[by_name_[i]].name);
    }
  }
}

HostId Platform::host_by_name(std::string_view name) const {
  auto it =
      std::lower_bound(by_name_.begin(), by_name_.end(), name,
                       [&](HostId a, std::string_view n) { return parts_.hosts[a].name < n; });
  return it != by_name_.end() && parts_.hosts[*it].name == name ? *it : kNoHost;
}

RouteModel Platform::route(HostId src, HostId dst) const {
  if (src >= host_count() || dst >= host_count()) {
    throw std::out_of_range("platform: no host " + std::to_string(std::max(src, dst)));
  }
  if (src == dst) return RouteModel{kLoopbackLatency, kUnlimitedBandwidth};
  const auto& a = parts_.hosts[src];
  const auto& b = parts_.hosts[dst];
  const RouteModel& c = parts_.core[a.attach * attach_count_ + b.attach];
  return RouteModel{a.access.latency + c.latency + b.access.latency,
                    std::min({a.access.bandwidth_bps, c.bandwidth_bps, b.access.bandwidth_bps})};
}

Platform make_platform(const PlatformSpec& spec) {
  PlatformParts parts;
  switch (spec.topology) {
    case Topology::star:
      parts = route_network(star_network(spec));
      break;
    case Topology::leaf_spine:
      parts = route_network(leaf_spine_network(spec));
      break;
    case Topology::file:
      if (spec.file.empty()) throw std::invalid_argument("platform: topology file needs a file");
      parts = load_simgrid_platform(spec.file);
      break;
  }
  parts.topology = spec.topology;
  if (spec.topology != Topology::file) parts.host_speed_flops = spec.host_speed_flops;
  return Platform(std::move(parts));
}

}  // namespace discolab

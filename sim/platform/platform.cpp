#include "sim/platform/platform.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>
#include <typeinfo>

#include "sim/platform/simgrid_session.h"
#include "sim/platform/topology.h"
#include "sim/scenario/scenario_error.h"

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

namespace {

// SimGrid's parse errors name the file and line in their message, in one of two forms:
// "Parse error at /path/x.xml:12: …" (its own checks) or "…(XML input line 12, …)" (FleXML's
// syntax checks). Returns "file:line" when a line can be found, else the file.
std::string xml_place(const std::string& file, const std::string& message) {
  std::smatch m;
  if (std::regex_search(message, m, std::regex(":([0-9]+):")) ||
      std::regex_search(message, m, std::regex("line ([0-9]+)")))
    return file + ":" + m[1].str();
  return file;
}

}  // namespace

Platform load_checked_platform(const Scenario& scenario) {
  if (scenario.platform.topology != Topology::file) return make_platform(scenario.platform);
  const std::string& file = scenario.platform.file;
  try {
    return make_platform(scenario.platform);
  } catch (const std::exception& e) {
    if (typeid(e) == typeid(std::logic_error)) throw;  // discolab's one-platform-per-process rule
    // The place goes in front; SimGrid's own "Parse error at file:line: " would repeat it.
    const std::string message =
        std::regex_replace(e.what(), std::regex("^Parse error at .*?:[0-9]+: "), "");
    throw ScenarioError({{xml_place(file, e.what()), "platform.file",
                          "not a platform SimGrid can load: " + message}});
  }
}

}  // namespace discolab

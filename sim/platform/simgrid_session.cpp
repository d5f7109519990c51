#include "sim/platform/simgrid_session.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <stdexcept>

namespace discolab {
namespace {

namespace s4u = simgrid::s4u;

struct Session {
  s4u::Engine* engine = nullptr;  // never deleted: SimGrid cannot re-create it anyway
  bool generated_built = false;
  std::optional<std::string> file;  // the XML loaded, if any
  PlatformParts file_parts;
  s4u::Host* controller = nullptr;
  bool instantiated = false;
};

Session& session() {
  static Session s;
  return s;
}

s4u::Engine& engine() {
  Session& s = session();
  if (s.engine != nullptr) return *s.engine;
  if (s4u::Engine::has_instance()) {
    throw std::logic_error("simgrid: an s4u::Engine exists that discolab did not create");
  }
  const char* log = std::getenv("DISCOLAB_SIMGRID_LOG");
  std::vector<std::string> args = {"discolab",
                                   std::string("--log=") + (log ? log : "root.thresh:critical")};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  s.engine = new s4u::Engine(&argc, argv.data());
  s4u::Engine::set_config("network/model:CM02");
  s4u::Engine::set_config("network/TCP-gamma:0");
  s4u::Engine::set_config("network/crosstraffic:0");
  return *s.engine;
}

// A zone outside the platform, under the root, holding the controller's host.
s4u::Host* add_controller_host(const s4u::Engine& e) {
  s4u::NetZone* zone = s4u::create_star_zone("discolab-control");
  zone->set_parent(e.get_netzone_root());
  s4u::Host* host = zone->create_host("discolab-controller", 1e9);
  zone->seal();
  return host;
}

double bytes_per_s(double bps) { return bps / 8; }

s4u::Link* create_link(s4u::NetZone* zone, const NetworkLink& link) {
  return zone->create_split_duplex_link(link.name, bytes_per_s(link.bandwidth_bps))
      ->set_latency(to_seconds(link.latency));
}

// One star zone per attachment point that has hosts (hosts joined by their split-duplex access
// links, a router as the zone's gateway); the other links in the root full zone, with one route
// per ordered pair of zones along the precomputed core hops.
void build_generated(const Platform& platform) {
  const PlatformParts& p = platform.parts();
  s4u::Engine& e = engine();  // before any zone: SimGrid would create a default engine
  s4u::NetZone* root = s4u::create_full_zone("discolab");
  const std::size_t n = p.attach_names.size();
  std::vector<s4u::NetZone*> zones(n, nullptr);
  std::vector<simgrid::kernel::routing::NetPoint*> gateways(n, nullptr);
  std::vector<bool> is_access(p.links.size(), false);
  for (const auto& h : p.hosts) is_access[h.access_link] = true;

  for (std::size_t a = 0; a < n; ++a) {
    for (const auto& h : p.hosts) {
      if (h.attach != a) continue;
      if (zones[a] == nullptr) {
        zones[a] = s4u::create_star_zone(p.attach_names[a] + "-zone");
        zones[a]->set_parent(root);
      }
      s4u::Host* host = zones[a]->create_host(h.name, p.host_speed_flops);
      const s4u::Link* link = create_link(zones[a], p.links[h.access_link]);
      zones[a]->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                          {s4u::LinkInRoute(link, s4u::LinkInRoute::Direction::UP)}, true);
    }
    if (zones[a] != nullptr) {
      gateways[a] = zones[a]->create_router(p.attach_names[a]);
      zones[a]->seal();
    }
  }
  std::vector<s4u::Link*> core_links(p.links.size(), nullptr);
  for (std::size_t l = 0; l < p.links.size(); ++l) {
    if (!is_access[l]) core_links[l] = create_link(root, p.links[l]);
  }
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b || zones[a] == nullptr || zones[b] == nullptr) continue;
      std::vector<s4u::LinkInRoute> route;
      for (const LinkHop& hop : p.core_hops[a * n + b]) {
        route.emplace_back(core_links[hop.link], hop.forward ? s4u::LinkInRoute::Direction::UP
                                                             : s4u::LinkInRoute::Direction::DOWN);
      }
      root->add_route(zones[a]->get_netpoint(), zones[b]->get_netpoint(), gateways[a], gateways[b],
                      route, false);
    }
  }
  session().controller = add_controller_host(e);
  root->seal();
}

}  // namespace

PlatformParts load_simgrid_platform(const std::string& path) {
  Session& s = session();
  if (s.file) {
    if (*s.file == path) return s.file_parts;
    throw std::logic_error("simgrid: this process already loaded platform " + *s.file +
                           "; one SimGrid platform per process");
  }
  if (s.generated_built) {
    throw std::logic_error("simgrid: this process already built a generated platform");
  }
  if (!std::filesystem::is_regular_file(path)) {
    throw std::invalid_argument("platform: cannot read platform file " + path);
  }
  s4u::Engine& e = engine();
  e.load_platform(path);

  std::vector<s4u::Host*> hosts = e.get_all_hosts();
  std::sort(hosts.begin(), hosts.end(),
            [](const s4u::Host* a, const s4u::Host* b) { return a->get_name() < b->get_name(); });
  PlatformParts parts;
  parts.topology = Topology::file;
  parts.file = path;
  parts.host_speed_flops = hosts.empty() ? 1e9 : hosts.front()->get_speed();
  std::vector<const s4u::NetZone*> zones;
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const s4u::NetZone* zone = hosts[i]->get_englobing_zone();
    auto it = std::find(zones.begin(), zones.end(), zone);
    if (it == zones.end()) it = zones.insert(zones.end(), zone);
    const auto index = static_cast<std::uint32_t>(i);
    parts.hosts.push_back(PlatformParts::Host{hosts[i]->get_name(),
                                              static_cast<std::uint32_t>(it - zones.begin()), index,
                                              RouteModel{}, 0});
    parts.attach_names.push_back(hosts[i]->get_name());
  }
  parts.zone_count = static_cast<std::uint32_t>(std::max<std::size_t>(zones.size(), 1));
  const std::size_t n = hosts.size();
  parts.core.resize(n * n);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      std::vector<s4u::Link*> links;
      double latency_s = 0;
      hosts[a]->route_to(hosts[b], links, &latency_s);
      RouteModel model{from_seconds(latency_s), kUnlimitedBandwidth};
      for (const s4u::Link* l : links) {
        model.bandwidth_bps = std::min(model.bandwidth_bps, l->get_bandwidth() * 8);
      }
      parts.core[a * n + b] = model;
    }
  }
  s.controller = add_controller_host(e);
  s.file = path;
  s.file_parts = parts;
  return parts;
}

SimGridHosts instantiate_in_simgrid(const Platform& platform) {
  Session& s = session();
  if (s.instantiated) {
    throw std::logic_error(
        "simgrid: a SimGrid engine already ran in this process (SimGrid allows one per "
        "process); run each simulation in its own process");
  }
  if (platform.topology() == Topology::file) {
    load_simgrid_platform(platform.file());
  } else {
    if (s.file) {
      throw std::logic_error("simgrid: this process loaded platform " + *s.file +
                             "; it cannot also build a generated one");
    }
    build_generated(platform);
    s.generated_built = true;
  }
  s.instantiated = true;
  SimGridHosts out;
  out.controller = s.controller;
  for (HostId h = 0; h < platform.host_count(); ++h) {
    s4u::Host* host = engine().host_by_name_or_null(platform.host_name(h));
    if (host == nullptr) {
      throw std::logic_error("simgrid: host " + platform.host_name(h) + " is not in SimGrid");
    }
    out.hosts.push_back(host);
  }
  return out;
}

}  // namespace discolab

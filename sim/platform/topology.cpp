#include "sim/platform/topology.h"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <cmath>
#include <stdexcept>

#include "sim/scenario/host_names.h"

namespace discolab {
namespace {

using Vertex = NetworkGraph::vertex_descriptor;

// Keeps generated sizes far from overflow of 32-bit ids and of the core matrix.
constexpr long long kMaxHosts = 10'000'000;

void check_link(const LinkSpec& link, const char* what) {
  if (link.latency.count() < 0) {
    throw std::invalid_argument(std::string("platform: ") + what + ".latency must be >= 0");
  }
  if (!(link.bandwidth_bps > 0) || !std::isfinite(link.bandwidth_bps)) {
    throw std::invalid_argument(std::string("platform: ") + what +
                                ".bandwidth_bps must be a positive finite number");
  }
}

void check_common(const PlatformSpec& spec) {
  if (spec.hosts_per_rack < 1) {
    throw std::invalid_argument("platform: hosts_per_rack must be at least 1");
  }
  if (!(spec.host_speed_flops > 0) || !std::isfinite(spec.host_speed_flops)) {
    throw std::invalid_argument("platform: host_speed_flops must be a positive finite number");
  }
  check_link(spec.host_link, "host_link");
}

Vertex add_node(Network& net, std::string name, bool is_host, std::uint32_t zone) {
  return add_network_node(net, NetworkNode{std::move(name), is_host, zone});
}

void add_link(Network& net, Vertex a, Vertex b, std::string name, const LinkSpec& spec) {
  add_network_link(net, a, b, NetworkLink{std::move(name), spec.latency, spec.bandwidth_bps});
}

// Hosts are added before any switch, rack by rack, so HostIds are rack-major. Their names come
// from platform_host_names(), which the scenario loader checks host references against.
void add_rack_hosts(Network& net, const PlatformSpec& spec, const std::vector<std::string>& names,
                    int rack, std::vector<Vertex>& hosts) {
  for (int h = 0; h < spec.hosts_per_rack; ++h) {
    const auto index =
        static_cast<std::size_t>(rack) * static_cast<std::size_t>(spec.hosts_per_rack) +
        static_cast<std::size_t>(h);
    hosts.push_back(add_node(net, names.at(index), true, static_cast<std::uint32_t>(rack)));
  }
}

}  // namespace

NetworkVertex add_network_node(Network& net, NetworkNode node) {
  return boost::add_vertex(std::move(node), net.graph);
}

void add_network_link(Network& net, NetworkVertex first, NetworkVertex second, NetworkLink link) {
  const auto index = static_cast<std::uint32_t>(net.links.size());
  net.links.push_back(std::move(link));
  boost::add_edge(first, second, NetworkEdge{index, first}, net.graph);
}

Network star_network(const PlatformSpec& spec) {
  check_common(spec);
  if (spec.hosts_per_rack > kMaxHosts) throw std::invalid_argument("platform: too many hosts");
  Network net;
  std::vector<Vertex> hosts;
  add_rack_hosts(net, spec, platform_host_names(spec), 0, hosts);
  const Vertex sw = add_node(net, "switch", false, 0);
  for (Vertex h : hosts) add_link(net, h, sw, net.graph[h].name + "-link", spec.host_link);
  return net;
}

Network leaf_spine_network(const PlatformSpec& spec) {
  check_common(spec);
  if (spec.racks < 1) throw std::invalid_argument("platform: racks must be at least 1");
  check_link(spec.spine_link, "spine_link");
  if (static_cast<long long>(spec.racks) * spec.hosts_per_rack > kMaxHosts) {
    throw std::invalid_argument("platform: too many hosts");
  }
  Network net;
  net.zone_count = static_cast<std::uint32_t>(spec.racks);
  std::vector<std::vector<Vertex>> hosts(static_cast<std::size_t>(spec.racks));
  const std::vector<std::string> names = platform_host_names(spec);
  for (int r = 0; r < spec.racks; ++r) add_rack_hosts(net, spec, names, r, hosts[r]);
  const Vertex spine = add_node(net, "spine", false, 0);
  for (int r = 0; r < spec.racks; ++r) {
    const std::string rack = "rack" + std::to_string(r);
    const Vertex leaf = add_node(net, rack + "-leaf", false, static_cast<std::uint32_t>(r));
    for (Vertex h : hosts[r]) add_link(net, h, leaf, net.graph[h].name + "-link", spec.host_link);
    add_link(net, leaf, spine, rack + "-uplink", spec.spine_link);
  }
  return net;
}

PlatformParts route_network(const Network& net) {
  const NetworkGraph& g = net.graph;
  PlatformParts parts;
  parts.links = net.links;
  parts.zone_count = net.zone_count;

  // Switches become attachment points, in vertex order.
  std::vector<std::uint32_t> attach_of(boost::num_vertices(g), 0);
  std::vector<Vertex> switches;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].is_host) continue;
    attach_of[v] = static_cast<std::uint32_t>(switches.size());
    switches.push_back(v);
    parts.attach_names.push_back(g[v].name);
  }
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (!g[v].is_host) continue;
    if (boost::out_degree(v, g) != 1) {
      throw std::invalid_argument("platform: host " + g[v].name + " must have exactly one link");
    }
    const auto e = *boost::out_edges(v, g).first;
    const Vertex sw = boost::target(e, g);
    if (g[sw].is_host) {
      throw std::invalid_argument("platform: host " + g[v].name + " is linked to a host");
    }
    const NetworkLink& link = net.links[g[e].link];
    parts.hosts.push_back(PlatformParts::Host{g[v].name, g[v].zone, attach_of[sw],
                                              RouteModel{link.latency, link.bandwidth_bps},
                                              g[e].link});
  }

  // Latency in ns plus a thousandth of a ns per hop: the fewest hops among equal latencies,
  // without ever preferring a path that is a whole nanosecond slower.
  auto weight = boost::make_function_property_map<NetworkGraph::edge_descriptor, double>(
      [&](NetworkGraph::edge_descriptor e) {
        return static_cast<double>(net.links[g[e].link].latency.count()) + 1e-3;
      });
  const std::size_t n = switches.size();
  parts.core.resize(n * n);
  parts.core_hops.resize(n * n);
  std::vector<Vertex> pred(boost::num_vertices(g));
  std::vector<double> dist(boost::num_vertices(g));
  for (std::size_t s = 0; s < n; ++s) {
    boost::dijkstra_shortest_paths(g, switches[s],
                                   boost::weight_map(weight)
                                       .predecessor_map(boost::make_iterator_property_map(
                                           pred.begin(), boost::get(boost::vertex_index, g)))
                                       .distance_map(boost::make_iterator_property_map(
                                           dist.begin(), boost::get(boost::vertex_index, g))));
    for (std::size_t t = 0; t < n; ++t) {
      RouteModel model;
      std::vector<LinkHop> hops;
      for (Vertex v = switches[t]; v != switches[s]; v = pred[v]) {
        if (pred[v] == v) {
          throw std::invalid_argument("platform: switches " + g[switches[s]].name + " and " +
                                      g[switches[t]].name + " are not connected");
        }
        const auto e = boost::edge(pred[v], v, g).first;
        const NetworkLink& link = net.links[g[e].link];
        model.latency += link.latency;
        if (link.bandwidth_bps < model.bandwidth_bps) model.bandwidth_bps = link.bandwidth_bps;
        hops.push_back(LinkHop{g[e].link, g[e].first == pred[v]});
      }
      parts.core[s * n + t] = model;
      parts.core_hops[s * n + t].assign(hops.rbegin(), hops.rend());
    }
  }
  return parts;
}

}  // namespace discolab

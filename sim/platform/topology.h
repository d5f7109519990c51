// Generated topologies as Boost.Graph networks of hosts, switches and links, and the routes
// between them.
//
// star:       rack0-host0 … rack0-host{n-1} on one switch ("switch"), each by a host_link.
//             It is a single rack, so host names match a leaf-spine with racks: 1.
// leaf-spine: racks × hosts_per_rack; host rack{r}-host{h} joins leaf "rack{r}-leaf" by a
//             host_link; each leaf joins the one "spine" by a spine_link (named
//             "rack{r}-uplink"). With one spine every route is unique.
// Routes between switches are Dijkstra shortest paths by latency, ties broken by hop count.
// Hosts must be leaves of the graph (one link each), so no route passes through a host.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/platform/platform.h"

namespace discolab {

struct NetworkNode {
  std::string name;
  bool is_host = false;
  std::uint32_t zone = 0;  // hosts: rack index
};
struct NetworkEdge {
  std::uint32_t link = 0;  // index into Network::links
  std::size_t first = 0;   // the vertex the link starts from (its UP direction leaves it)
};
using NetworkGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, NetworkNode, NetworkEdge>;
using NetworkVertex = NetworkGraph::vertex_descriptor;

// A generated network: hosts get HostIds in vertex order. (An undirected Boost edge reports
// the end it was reached from as its source, so a link's orientation is kept in the edge.)
struct Network {
  NetworkGraph graph;
  std::vector<NetworkLink> links;
  std::uint32_t zone_count = 1;
};

NetworkVertex add_network_node(Network& net, NetworkNode node);
// Adds a link from `first` to `second` (LinkHop::forward is that direction).
void add_network_link(Network& net, NetworkVertex first, NetworkVertex second, NetworkLink link);

// Throw std::invalid_argument when the spec's counts, latencies or bandwidths are unusable.
Network star_network(const PlatformSpec& spec);
Network leaf_spine_network(const PlatformSpec& spec);

// Precomputes the routes of a network: host access links and switch-to-switch core routes.
// Throws std::invalid_argument if a host is not a leaf or the switches are not connected.
PlatformParts route_network(const Network& network);

}  // namespace discolab

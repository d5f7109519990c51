#include "sim/scenario/call_graph_check.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <map>
#include <optional>
#include <vector>

#include "sim/scenario/suggest.h"
#include "sim/scenario/units.h"

namespace discolab {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_index_t, std::size_t>>;
using Edge = boost::graph_traits<Graph>::edge_descriptor;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

// Records the tree edges (each vertex's parent) and the first back edge the search meets.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<std::optional<Vertex>>* parent;
  std::optional<Edge>* back;
  void tree_edge(Edge e, const Graph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(Edge e, const Graph&) const {
    if (!*back) *back = e;
  }
};

struct CallRef {
  std::size_t service = 0;  // index of the caller in services
  std::size_t call = 0;     // index in its calls
};

}  // namespace

void check_call_graph(const Scenario& scenario, IssueLog& log) {
  std::map<std::string, std::size_t> index;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < scenario.services.size(); ++i) {
    index.emplace(scenario.services[i].name, i);
    names.push_back(scenario.services[i].name);
  }
  Graph graph(scenario.services.size());
  std::vector<CallRef> edges;  // by edge index
  for (std::size_t i = 0; i < scenario.services.size(); ++i) {
    const ServiceSpec& service = scenario.services[i];
    for (std::size_t j = 0; j < service.calls.size(); ++j) {
      const CallSpec& call = service.calls[j];
      const std::string path =
          "services[" + std::to_string(i) + "].calls[" + std::to_string(j) + "]";
      if (call.probability > 1.0)
        log.at_path(path + ".probability",
                    format_number(call.probability) + " is not a probability (at most 1)");
      const auto callee = index.find(call.service);
      if (callee == index.end()) {
        if (!call.service.empty())
          log.at_path(path + ".service", not_one_of(call.service, "one of the services", names));
        continue;
      }
      if (callee->second == i) {
        log.at_path(path + ".service", "\"" + service.name +
                                           "\" calls itself: the calls must "
                                           "form no cycle");
        continue;
      }
      boost::add_edge(i, callee->second, edges.size(), graph);
      edges.push_back({i, j});
    }
  }
  if (edges.empty()) return;

  std::vector<std::optional<Vertex>> parent(boost::num_vertices(graph));
  std::optional<Edge> back;
  CycleFinder finder;
  finder.parent = &parent;
  finder.back = &back;
  std::vector<boost::default_color_type> colors(boost::num_vertices(graph));
  boost::depth_first_search(graph,
                            boost::visitor(finder).color_map(boost::make_iterator_property_map(
                                colors.begin(), boost::get(boost::vertex_index, graph))));
  if (!back) return;

  // The back edge u → v closes the cycle v → … → u → v along the tree edges.
  const Vertex u = boost::source(*back, graph);
  const Vertex v = boost::target(*back, graph);
  std::vector<Vertex> path{u};
  for (Vertex w = u; w != v && parent[w];) {
    w = *parent[w];
    path.push_back(w);
  }
  std::string cycle;
  for (auto it = path.rbegin(); it != path.rend(); ++it) cycle += names[*it] + " → ";
  cycle += names[v];
  const CallRef ref = edges[boost::get(boost::edge_index, graph, *back)];
  log.at_path("services[" + std::to_string(ref.service) + "].calls[" + std::to_string(ref.call) +
                  "].service",
              "this call closes a cycle in the service call graph: " + cycle +
                  " (the calls must form no cycle)");
}

}  // namespace discolab

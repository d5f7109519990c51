#include "sim/run/topology_file.h"

#include <fstream>
#include <stdexcept>
#include <string>

#include "sim/run/pattern_factory.h"

namespace discolab {

nlohmann::json topology_json(const Scenario& scenario, const Platform& platform) {
  const PatternLayout layout = pattern_layout(scenario.pattern, scenario, platform);
  const PatternContext context = pattern_context(scenario, platform);
  nlohmann::json doc;
  doc["format"] = kTopologyFormat;
  doc["pattern"] = scenario.pattern;
  nlohmann::json hosts = nlohmann::json::array();
  for (const PatternHost& h : context.hosts)
    hosts.push_back({{"name", h.name}, {"rack", h.zone}, {"reserved_for", h.reserved_for}});
  doc["hosts"] = std::move(hosts);

  nlohmann::json components = nlohmann::json::array();
  for (const PlacedComponent& c : layout.components)
    components.push_back({{"name", c.name},
                          {"kind", c.kind},
                          {"host", platform.host_name(c.host)},
                          {"source", c.source},
                          {"view", c.view}});
  doc["components"] = std::move(components);

  nlohmann::json clients = nlohmann::json::array();
  std::uint64_t caller_index = 0;
  for (const ClientSpec& client : scenario.clients) {
    nlohmann::json callers = nlohmann::json::array();
    for (int i = 0; i < client.count; ++i, ++caller_index) {
      const std::string name = client.name + "-" + std::to_string(i);
      const std::string& host =
          platform.host_name(client_caller_host(caller_index, platform.host_count()));
      const CallerRoute route = layout.route(name, host, client.external);
      callers.push_back({{"name", name},
                         {"host", host},
                         {"via", route.via},
                         {"view", route.view},
                         {"source", route.source}});
    }
    clients.push_back({{"group", client.name},
                       {"target", client.target},
                       {"external", client.external},
                       {"callers", std::move(callers)}});
  }
  doc["clients"] = std::move(clients);
  return doc;
}

void write_topology(const std::filesystem::path& file, const Scenario& scenario,
                    const Platform& platform) {
  const std::string text = topology_json(scenario, platform).dump(2) + "\n";
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace discolab

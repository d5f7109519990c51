#include "gui/models/cluster_topology.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace discolab::gui {
namespace {

// The topology.json format this reads (sim/run/topology_file.h kTopologyFormat).
constexpr int kFormat = 1;

QString text(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                          : QString();
}

QStringList texts(const nlohmann::json& j, const char* key) {
  QStringList out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.append(QString::fromStdString(v.get<std::string>()));
  return out;
}

}  // namespace

int ClusterTopology::hostIndex(const QString& name) const {
  for (std::size_t i = 0; i < hosts.size(); ++i)
    if (hosts[i].name == name) return static_cast<int>(i);
  return -1;
}

int ClusterTopology::componentIndex(const QString& name) const {
  for (std::size_t i = 0; i < components.size(); ++i)
    if (components[i].name == name) return static_cast<int>(i);
  return -1;
}

QList<int> ClusterTopology::racks() const {
  QList<int> out;
  for (const TopologyHost& h : hosts)
    if (!out.contains(h.rack)) out.append(h.rack);
  std::sort(out.begin(), out.end());
  return out;
}

bool parse_topology(const QByteArray& json, ClusterTopology& out, QString* error) {
  const auto fail = [error](const QString& why) {
    if (error != nullptr) *error = why;
    return false;
  };
  const nlohmann::json doc =
      nlohmann::json::parse(json.constData(), json.constData() + json.size(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return fail(QStringLiteral("not a JSON object"));
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_number_integer() || format->get<int>() != kFormat)
    return fail(QStringLiteral("not a topology.json of format %1").arg(kFormat));
  ClusterTopology t;
  t.pattern = text(doc, "pattern");
  for (const auto& h : doc.value("hosts", nlohmann::json::array()))
    t.hosts.push_back({text(h, "name"), h.value("rack", 0), text(h, "reserved_for")});
  for (const auto& c : doc.value("components", nlohmann::json::array())) {
    TopologyComponent component{text(c, "name"), text(c, "kind"), t.hostIndex(text(c, "host")),
                                text(c, "source"), text(c, "view")};
    if (component.host < 0)
      return fail(QStringLiteral("component %1: unknown host").arg(component.name));
    t.components.push_back(std::move(component));
  }
  for (const auto& g : doc.value("clients", nlohmann::json::array())) {
    for (const auto& c : g.value("callers", nlohmann::json::array())) {
      TopologyCaller caller{text(c, "name"),
                            text(g, "group"),
                            text(g, "target"),
                            t.hostIndex(text(c, "host")),
                            g.value("external", false),
                            texts(c, "via"),
                            text(c, "view"),
                            text(c, "source")};
      if (caller.host < 0) return fail(QStringLiteral("caller %1: unknown host").arg(caller.name));
      t.callers.push_back(std::move(caller));
    }
  }
  out = std::move(t);
  return true;
}

}  // namespace discolab::gui

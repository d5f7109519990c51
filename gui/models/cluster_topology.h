// A run folder's topology.json (written by `discolab run`, sim/run/topology_file.h; format in
// docs/metrics.md): the hosts and their racks, where the pattern's components run and each
// client group's callers, with the route their requests take.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace discolab::gui {

struct TopologyHost {
  QString name;
  int rack = 0;
  QString reservedFor;  // "" when containers may run on it
};

struct TopologyComponent {
  QString name;  // "registry", "lb", "proxy@host3"
  QString kind;  // registry | dns-server | dns-cache | load-balancer | proxy | gateway
  int host = -1;
  QString source;  // the component it learns the instances from
  QString view;    // its views' subject in events.csv, or the start of it ("lb/primary" for
                   // "lb/primary/web")
};

struct TopologyCaller {
  QString name, group, target;
  int host = -1;
  bool external = false;
  QStringList via;  // components a request crosses, in order
  QString view;     // the view subject that picks the instance (for `target`)
  QString source;   // where the caller discovers; "" when it holds no view
};

struct ClusterTopology {
  QString pattern;
  std::vector<TopologyHost> hosts;
  std::vector<TopologyComponent> components;
  std::vector<TopologyCaller> callers;

  int hostIndex(const QString& name) const;       // -1 when unknown
  int componentIndex(const QString& name) const;  // -1 when unknown
  QList<int> racks() const;                       // rack numbers, ascending
};

// False with `error` when the text is not a topology.json of a format this reads.
bool parse_topology(const QByteArray& json, ClusterTopology& out, QString* error);

}  // namespace discolab::gui

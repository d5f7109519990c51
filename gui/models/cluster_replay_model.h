// The cluster of a finished run at one simulated instant, replayed from its folder's
// topology.json (the layout) and events.csv (what happened): per rack its hosts (up or down),
// per host the pattern's components there (up or down, and how many of their views' members
// are stale) and its containers with their state (starting, ready, terminating, crashed).
//
// A tree model, racks > hosts > components and containers, columns name, kind (the service of
// a container, the kind of a component), state and detail. setTime() seeks: the history is
// read once (cluster_history.h), each seek only looks up the state at t, and resets the model.
// The cluster view (gui/widgets/cluster_view.h) draws it; views (a component's or a caller's
// instance list at t) and their stale members (listed but not ready in the ground truth at t)
// are asked for by subject and service.
#pragma once

#include <QAbstractItemModel>
#include <optional>
#include <vector>

#include "gui/models/cluster_history.h"
#include "gui/models/cluster_topology.h"

namespace discolab::gui {

struct ContainerAt {
  int index = -1;  // into history().containers(); its instance id
  ContainerState state = ContainerState::absent;
};

struct ViewAt {
  QString subject, service;
  std::vector<int> members;  // instance ids, ascending
  std::vector<int> stale;    // the members not ready at t
  int size = 0;
  bool complete = true;  // every member is known (see cluster_history.h)
};

class ClusterReplayModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, KindColumn, StateColumn, DetailColumn, ColumnCount };
  enum class NodeKind { rack, host, component, container };
  enum Role { NodeKindRole = Qt::UserRole + 1, StateRole, IndexRole };

  explicit ClusterReplayModel(QObject* parent = nullptr);

  // A run folder (topology.json and events.csv); false with `error` (the model is then empty).
  bool loadFolder(const QString& folder, QString* error = nullptr);
  bool loadText(const QByteArray& topologyJson, const QByteArray& eventsCsv,
                QString* error = nullptr);
  void clear();
  bool isEmpty() const { return topology_.hosts.empty(); }
  QString folder() const { return folder_; }

  double time() const { return time_; }
  double endTime() const { return history_.endTime(); }
  void setTime(double t);  // clamped to [0, endTime()]
  // How long a crashed container stays shown as crashed (simulated seconds; default 5).
  void setCrashShownFor(double seconds);

  const ClusterTopology& topology() const { return topology_; }
  const ClusterHistory& history() const { return history_; }

  // The state at time().
  bool hostUp(int host) const;
  bool componentUp(int component) const;  // its process and its host up
  std::vector<ContainerAt> containersOn(int host) const;
  std::optional<ViewAt> view(const QString& subject, const QString& service) const;
  // The host an instance runs on, -1 when unknown.
  int hostOfInstance(int instance) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 signals:
  void timeChanged(double t);
  void loaded();

 private:
  struct Node {
    NodeKind kind;
    int ref;     // rack number, host, component or container index
    int parent;  // node index, -1 for a rack
    int row;
    std::vector<int> children;
  };
  void rebuild();
  QString componentDetail(int component) const;
  const Node* node(const QModelIndex& index) const;

  QString folder_;
  ClusterTopology topology_;
  ClusterHistory history_;
  double time_ = 0.0;
  double crash_shown_ = 5.0;
  std::vector<Node> nodes_;
  std::vector<int> racks_;              // node indexes of the top level
  std::vector<ContainerState> states_;  // per container, at time_
};

}  // namespace discolab::gui

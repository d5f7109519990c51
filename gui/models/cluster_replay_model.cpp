#include "gui/models/cluster_replay_model.h"

#include <QDir>
#include <algorithm>

#include "gui/models/results_reader.h"

namespace discolab::gui {

ClusterReplayModel::ClusterReplayModel(QObject* parent) : QAbstractItemModel(parent) {}

bool ClusterReplayModel::loadFolder(const QString& folder, QString* error) {
  const QDir dir(folder);
  QByteArray topology, events;
  QString why;
  if (!read_file(dir.filePath(QStringLiteral("topology.json")), topology, &why) ||
      !read_file(dir.filePath(QStringLiteral("events.csv")), events, &why) ||
      !loadText(topology, events, &why)) {
    clear();
    if (error != nullptr) *error = why;
    return false;
  }
  folder_ = folder;
  return true;
}

bool ClusterReplayModel::loadText(const QByteArray& topologyJson, const QByteArray& eventsCsv,
                                  QString* error) {
  ClusterTopology topology;
  ClusterHistory history;
  QString why;
  if (!parse_topology(topologyJson, topology, &why)) {
    if (error != nullptr) *error = QStringLiteral("topology.json: ") + why;
    return false;
  }
  if (!history.parse(eventsCsv, topology, &why)) {
    if (error != nullptr) *error = QStringLiteral("events.csv: ") + why;
    return false;
  }
  beginResetModel();
  folder_.clear();
  topology_ = std::move(topology);
  history_ = std::move(history);
  time_ = 0.0;
  rebuild();
  endResetModel();
  emit loaded();
  emit timeChanged(time_);
  return true;
}

void ClusterReplayModel::clear() {
  beginResetModel();
  folder_.clear();
  topology_ = {};
  history_ = {};
  time_ = 0.0;
  rebuild();
  endResetModel();
  emit loaded();
}

void ClusterReplayModel::setTime(double t) {
  t = std::clamp(t, 0.0, endTime());
  if (t == time_) return;
  beginResetModel();
  time_ = t;
  rebuild();
  endResetModel();
  emit timeChanged(time_);
}

void ClusterReplayModel::setCrashShownFor(double seconds) {
  beginResetModel();
  crash_shown_ = seconds;
  rebuild();
  endResetModel();
}

bool ClusterReplayModel::hostUp(int host) const { return !history_.hostDown(host, time_); }

bool ClusterReplayModel::componentUp(int component) const {
  if (component < 0 || static_cast<std::size_t>(component) >= topology_.components.size())
    return false;
  const TopologyComponent& c = topology_.components[static_cast<std::size_t>(component)];
  return hostUp(c.host) && !history_.componentDown(c.name, time_);
}

std::vector<ContainerAt> ClusterReplayModel::containersOn(int host) const {
  std::vector<ContainerAt> out;
  const auto& all = history_.containers();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].host == host && states_[i] != ContainerState::absent)
      out.push_back({static_cast<int>(i), states_[i]});
  return out;
}

std::optional<ViewAt> ClusterReplayModel::view(const QString& subject,
                                               const QString& service) const {
  const ViewHistory* v = history_.view(subject, service, time_);
  if (v == nullptr) return std::nullopt;
  const ViewStep* step = v->at(time_);
  if (step == nullptr) return std::nullopt;
  ViewAt out{subject, service,    step->members,
             {},      step->size, static_cast<int>(step->members.size()) == step->size};
  for (const int m : out.members)
    if (!history_.instanceReady(m, time_)) out.stale.push_back(m);
  return out;
}

int ClusterReplayModel::hostOfInstance(int instance) const {
  const auto& all = history_.containers();
  return instance >= 0 && static_cast<std::size_t>(instance) < all.size()
             ? all[static_cast<std::size_t>(instance)].host
             : -1;
}

void ClusterReplayModel::rebuild() {
  const auto& containers = history_.containers();
  states_.assign(containers.size(), ContainerState::absent);
  for (std::size_t i = 0; i < containers.size(); ++i)
    states_[i] = containers[i].stateAt(time_, crash_shown_);
  nodes_.clear();
  racks_.clear();
  const auto add = [this](NodeKind kind, int ref, int parent) {
    const int index = static_cast<int>(nodes_.size());
    const int row =
        parent < 0 ? static_cast<int>(racks_.size())
                   : static_cast<int>(nodes_[static_cast<std::size_t>(parent)].children.size());
    nodes_.push_back({kind, ref, parent, row, {}});
    (parent < 0 ? racks_ : nodes_[static_cast<std::size_t>(parent)].children).push_back(index);
    return index;
  };
  for (const int rack : topology_.racks()) {
    const int rack_node = add(NodeKind::rack, rack, -1);
    for (std::size_t h = 0; h < topology_.hosts.size(); ++h) {
      if (topology_.hosts[h].rack != rack) continue;
      const int host_node = add(NodeKind::host, static_cast<int>(h), rack_node);
      for (std::size_t c = 0; c < topology_.components.size(); ++c)
        if (topology_.components[c].host == static_cast<int>(h))
          add(NodeKind::component, static_cast<int>(c), host_node);
      for (const ContainerAt& c : containersOn(static_cast<int>(h)))
        add(NodeKind::container, c.index, host_node);
    }
  }
}

QString ClusterReplayModel::componentDetail(int component) const {
  const TopologyComponent& c = topology_.components[static_cast<std::size_t>(component)];
  QStringList parts;
  if (!c.source.isEmpty()) parts.append(QStringLiteral("from %1").arg(c.source));
  for (const QString& service : history_.services()) {
    const auto v = view(c.view, service);
    if (!v) continue;
    QString part = QStringLiteral("%1: %2").arg(service).arg(v->size);
    if (!v->stale.empty()) part += QStringLiteral(" (%1 stale)").arg(v->stale.size());
    parts.append(part);
  }
  return parts.join(QStringLiteral(", "));
}

const ClusterReplayModel::Node* ClusterReplayModel::node(const QModelIndex& index) const {
  if (!index.isValid() || index.internalId() >= nodes_.size()) return nullptr;
  return &nodes_[index.internalId()];
}

QModelIndex ClusterReplayModel::index(int row, int column, const QModelIndex& parent) const {
  if (row < 0 || column < 0 || column >= ColumnCount) return {};
  const std::vector<int>* children = &racks_;
  if (parent.isValid()) {
    const Node* p = node(parent);
    if (p == nullptr || parent.column() != 0) return {};
    children = &p->children;
  }
  if (static_cast<std::size_t>(row) >= children->size()) return {};
  return createIndex(row, column,
                     static_cast<quintptr>((*children)[static_cast<std::size_t>(row)]));
}

QModelIndex ClusterReplayModel::parent(const QModelIndex& child) const {
  const Node* n = node(child);
  if (n == nullptr || n->parent < 0) return {};
  const Node& p = nodes_[static_cast<std::size_t>(n->parent)];
  return createIndex(p.row, 0, static_cast<quintptr>(n->parent));
}

int ClusterReplayModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return static_cast<int>(racks_.size());
  const Node* p = node(parent);
  if (p == nullptr || parent.column() != 0) return 0;
  return static_cast<int>(p->children.size());
}

int ClusterReplayModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant ClusterReplayModel::data(const QModelIndex& index, int role) const {
  const Node* n = node(index);
  if (n == nullptr) return {};
  if (role == NodeKindRole) return static_cast<int>(n->kind);
  if (role == IndexRole) return n->ref;
  if (role != Qt::DisplayRole && role != StateRole) return {};
  const auto column = role == StateRole ? StateColumn : static_cast<Column>(index.column());
  switch (n->kind) {
    case NodeKind::rack: {
      if (column == NameColumn) return QStringLiteral("rack %1").arg(n->ref);
      if (column == KindColumn) return QStringLiteral("rack");
      if (column == DetailColumn) return QStringLiteral("%1 hosts").arg(n->children.size());
      return QString();
    }
    case NodeKind::host: {
      const TopologyHost& h = topology_.hosts[static_cast<std::size_t>(n->ref)];
      if (column == NameColumn) return h.name;
      if (column == KindColumn)
        return h.reservedFor.isEmpty() ? QStringLiteral("host")
                                       : QStringLiteral("host (%1)").arg(h.reservedFor);
      if (column == StateColumn)
        return hostUp(n->ref) ? QStringLiteral("up") : QStringLiteral("down");
      return QStringLiteral("%1 containers").arg(containersOn(n->ref).size());
    }
    case NodeKind::component: {
      const TopologyComponent& c = topology_.components[static_cast<std::size_t>(n->ref)];
      if (column == NameColumn) return c.name;
      if (column == KindColumn) return c.kind;
      if (column == StateColumn)
        return componentUp(n->ref) ? QStringLiteral("up") : QStringLiteral("down");
      return componentDetail(n->ref);
    }
    case NodeKind::container: {
      const ContainerHistory& c = history_.containers()[static_cast<std::size_t>(n->ref)];
      if (column == NameColumn) return c.name;
      if (column == KindColumn) return c.service;
      if (column == StateColumn) return to_string(states_[static_cast<std::size_t>(n->ref)]);
      return QStringLiteral("instance %1").arg(n->ref);
    }
  }
  return {};
}

QVariant ClusterReplayModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn:
      return tr("Name");
    case KindColumn:
      return tr("Kind");
    case StateColumn:
      return tr("State");
    case DetailColumn:
      return tr("Detail");
    default:
      return {};
  }
}

}  // namespace discolab::gui

#include "gui/models/cluster_history.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>

#include "gui/models/cluster_topology.h"
#include "gui/models/csv_reader.h"

namespace discolab::gui {
namespace {

double number(const std::string& text) {
  double v = 0.0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

int integer(std::string_view text) {
  int v = -1;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// The value of `key=` in a view row's detail ("view=3 size=2 added=1;4 removed="), or empty.
std::string_view field(std::string_view detail, std::string_view key) {
  std::size_t at = 0;
  while (at < detail.size()) {
    const std::size_t end = std::min(detail.find(' ', at), detail.size());
    const std::string_view token = detail.substr(at, end - at);
    if (token.size() > key.size() && token.starts_with(key) && token[key.size()] == '=')
      return token.substr(key.size() + 1);
    at = end + 1;
  }
  return {};
}

// "1;4;+3" → {1, 4}: the listed ids (an entry "+n" counts ids not listed).
std::vector<int> ids(std::string_view list) {
  std::vector<int> out;
  std::size_t at = 0;
  while (at < list.size()) {
    const std::size_t end = std::min(list.find(';', at), list.size());
    const std::string_view id = list.substr(at, end - at);
    if (!id.empty() && id.front() != '+') out.push_back(integer(id));
    at = end + 1;
  }
  return out;
}

void down(Outages& o, double t) {
  if (o.spans.empty() || o.spans.back().second <= t) o.spans.emplace_back(t, kNever);
}
void up(Outages& o, double t) {
  if (!o.spans.empty() && o.spans.back().second == kNever) o.spans.back().second = t;
}

}  // namespace

QString to_string(ContainerState state) {
  switch (state) {
    case ContainerState::absent:
      return QStringLiteral("absent");
    case ContainerState::starting:
      return QStringLiteral("starting");
    case ContainerState::ready:
      return QStringLiteral("ready");
    case ContainerState::terminating:
      return QStringLiteral("terminating");
    case ContainerState::crashed:
      return QStringLiteral("crashed");
  }
  return {};
}

ContainerState ContainerHistory::stateAt(double t, double crashShown) const {
  if (t < scheduled) return ContainerState::absent;
  if (t >= crashed)
    return t < crashed + crashShown ? ContainerState::crashed : ContainerState::absent;
  if (t >= gone) return ContainerState::absent;
  if (t >= stopped) return ContainerState::terminating;
  if (t >= ready) return ContainerState::ready;
  return ContainerState::starting;
}

const ViewStep* ViewHistory::at(double t) const {
  if (t < opened || steps.empty()) return nullptr;
  auto it = std::upper_bound(steps.begin(), steps.end(), t,
                             [](double v, const ViewStep& s) { return v < s.t; });
  return it == steps.begin() ? nullptr : &*std::prev(it);
}

bool Outages::downAt(double t) const {
  for (const auto& [from, to] : spans)
    if (t >= from && t < to) return true;
  return false;
}

bool ClusterHistory::parse(const QByteArray& csv, const ClusterTopology& topology, QString* error) {
  const auto rows =
      parse_csv(std::string_view(csv.constData(), static_cast<std::size_t>(csv.size())));
  if (rows.empty() ||
      rows.front() != std::vector<std::string>{"t_s", "kind", "subject", "service", "detail"}) {
    if (error != nullptr)
      *error = QStringLiteral("not an events.csv (t_s,kind,subject,service,detail)");
    return false;
  }
  *this = ClusterHistory{};
  hosts_.resize(topology.hosts.size());
  QHash<QString, int> by_name;  // container name → index
  QHash<int, int> view_index;   // view id → index into views_
  const auto container = [&](const std::string& name) -> ContainerHistory* {
    const auto it = by_name.constFind(QString::fromStdString(name));
    return it == by_name.constEnd() ? nullptr : &containers_[static_cast<std::size_t>(*it)];
  };
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 5) continue;
    const double t = number(row[0]);
    end_ = std::max(end_, t);
    const std::string& kind = row[1];
    const std::string& subject = row[2];
    const std::string& detail = row[4];
    if (kind == "ready" || kind == "unready") {
      if (subject.starts_with("instance/")) {
        const int id = integer(std::string_view(subject).substr(9));
        if (id < 0) continue;
        if (ready_.size() <= static_cast<std::size_t>(id)) ready_.resize(id + 1, {kNever, kNever});
        (kind == "ready" ? ready_[id].first : ready_[id].second) = t;
      } else if (auto* c = container(subject); c != nullptr && kind == "ready") {
        c->ready = t;
      }
      continue;
    }
    if (kind.starts_with("view")) {
      const int id = integer(field(detail, "view"));
      if (kind == "view_open") {
        view_index.insert(id, static_cast<int>(views_.size()));
        ViewHistory v;
        v.id = id;
        v.subject = QString::fromStdString(subject);
        v.service = QString::fromStdString(row[3]);
        v.opened = t;
        v.steps.push_back({t, {}, 0});
        views_by_service_[v.service].push_back(static_cast<int>(views_.size()));
        views_.push_back(std::move(v));
        continue;
      }
      const auto it = view_index.constFind(id);
      if (it == view_index.constEnd()) continue;
      ViewHistory& v = views_[static_cast<std::size_t>(*it)];
      if (kind == "view_close") {
        v.closed = t;
        continue;
      }
      ViewStep step{t, v.steps.back().members, integer(field(detail, "size"))};
      for (int removed : ids(field(detail, "removed"))) std::erase(step.members, removed);
      for (int added : ids(field(detail, "added"))) step.members.push_back(added);
      std::sort(step.members.begin(), step.members.end());
      step.members.erase(std::unique(step.members.begin(), step.members.end()), step.members.end());
      if (v.steps.back().t == t) v.steps.pop_back();  // several changes at one instant
      v.steps.push_back(std::move(step));
      continue;
    }
    const QString name = QString::fromStdString(subject);
    marks_.push_back({t, QString::fromStdString(kind), name});
    if (kind == "scheduled") {
      by_name.insert(name, static_cast<int>(containers_.size()));
      ContainerHistory c;
      c.name = name;
      c.service = QString::fromStdString(row[3]);
      c.host = topology.hostIndex(QString::fromStdString(detail));
      c.scheduled = t;
      containers_.push_back(std::move(c));
    } else if (kind == "stop") {
      if (auto* c = container(subject)) c->stopped = std::min(c->stopped, t);
    } else if (kind == "gone") {
      if (auto* c = container(subject)) c->gone = std::min(c->gone, t);
    } else if (kind == "crash") {
      if (auto* c = container(subject)) {
        c->crashed = std::min(c->crashed, t);
        c->crashCause = QString::fromStdString(detail);
      }
    } else if (kind == "host_down" || kind == "host_up") {
      const int h = topology.hostIndex(name);
      if (h >= 0) (kind == "host_down" ? down : up)(hosts_[static_cast<std::size_t>(h)], t);
    } else if (kind == "component_down") {
      down(components_[name], t);
    } else if (kind == "component_up") {
      up(components_[name], t);
    }
  }
  return true;
}

bool ClusterHistory::instanceReady(int instance, double t) const {
  if (instance < 0 || static_cast<std::size_t>(instance) >= ready_.size()) return false;
  const auto& [from, to] = ready_[static_cast<std::size_t>(instance)];
  return t >= from && t < to;
}

bool ClusterHistory::hostDown(int host, double t) const {
  return host >= 0 && static_cast<std::size_t>(host) < hosts_.size() &&
         hosts_[static_cast<std::size_t>(host)].downAt(t);
}

bool ClusterHistory::componentDown(const QString& component, double t) const {
  const auto it = components_.constFind(component);
  return it != components_.constEnd() && it->downAt(t);
}

const ViewHistory* ClusterHistory::view(const QString& subject, const QString& service,
                                        double t) const {
  const auto it = views_by_service_.constFind(service);
  if (it == views_by_service_.constEnd() || subject.isEmpty()) return nullptr;
  const ViewHistory* found = nullptr;
  for (const int k : *it) {
    const ViewHistory& v = views_[static_cast<std::size_t>(k)];
    if (v.subject != subject &&
        !(v.subject.startsWith(subject) && v.subject.size() > subject.size() &&
          v.subject[subject.size()] == QLatin1Char('/')))
      continue;
    // Views closed at the run's end (the teardown) still count at the end.
    if (v.opened <= t && (t < v.closed || (v.closed == end_ && t >= end_))) found = &v;
  }
  return found;
}

QStringList ClusterHistory::services() const {
  QStringList out = views_by_service_.keys();
  out.sort();
  return out;
}

}  // namespace discolab::gui

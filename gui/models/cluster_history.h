// A run's events.csv (docs/metrics.md) turned into timelines that answer "what was true at
// simulated time t" by a binary search or a few comparisons, for the cluster view's replay:
// - each container (instance ids number the `scheduled` rows from 0, as the cluster gives
//   them): its host, when it was scheduled, ready, stopped, gone or crashed;
// - the ground truth: when each instance was ready (`ready`/`unready` rows of instance/<id>);
// - hosts and components down and up;
// - each view (view_open … view_close): its members after every change.
// A view row lists at most 16 added and 16 removed ids (then ";+<more>"): a view that changed
// by more at once is known by its size but not every member (complete() is then false).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <limits>
#include <optional>
#include <vector>

namespace discolab::gui {

struct ClusterTopology;

enum class ContainerState { absent, starting, ready, terminating, crashed };
QString to_string(ContainerState state);

inline constexpr double kNever = std::numeric_limits<double>::infinity();

struct ContainerHistory {
  QString name, service;
  int host = -1;  // index into the topology's hosts; -1 when the host is not in it
  double scheduled = kNever, ready = kNever, stopped = kNever, gone = kNever, crashed = kNever;
  QString crashCause;  // "random", "host_failure" …
  // Its state at `t`; a crashed container shows as crashed for `crashShown` seconds.
  ContainerState stateAt(double t, double crashShown) const;
};

struct ViewStep {
  double t = 0.0;
  std::vector<int> members;  // sorted; the ones the rows named
  int size = 0;              // the view's size as reported
};

struct ViewHistory {
  int id = -1;
  QString subject, service;
  double opened = 0.0, closed = kNever;
  std::vector<ViewStep> steps;  // the first at `opened`, empty
  const ViewStep* at(double t) const;
};

// Down/up intervals of one host or component, in time order: [down, up).
struct Outages {
  std::vector<std::pair<double, double>> spans;
  bool downAt(double t) const;
};

class ClusterHistory {
 public:
  // Reads events.csv text; hosts are looked up in `topology`. False with `error` when the
  // text is not events.csv (its header).
  bool parse(const QByteArray& csv, const ClusterTopology& topology, QString* error);

  double endTime() const { return end_; }
  const std::vector<ContainerHistory>& containers() const { return containers_; }
  const std::vector<ViewHistory>& views() const { return views_; }
  bool instanceReady(int instance, double t) const;
  bool hostDown(int host, double t) const;
  bool componentDown(const QString& component, double t) const;
  // The view of `service` open at `t` whose subject is `subject` or starts with `subject` + "/"
  // (the latest opened); null when none.
  const ViewHistory* view(const QString& subject, const QString& service, double t) const;
  // The services views are held of, sorted.
  QStringList services() const;
  // Churn rows (scheduled … host_down, component_down …) in time order, for the timeline.
  struct Mark {
    double t;
    QString kind, subject;
  };
  const std::vector<Mark>& marks() const { return marks_; }

 private:
  double end_ = 0.0;
  std::vector<ContainerHistory> containers_;
  std::vector<std::pair<double, double>> ready_;  // per instance id: [ready, unready)
  std::vector<Outages> hosts_;
  QHash<QString, Outages> components_;
  std::vector<ViewHistory> views_;
  QHash<QString, std::vector<int>> views_by_service_;  // service → view indexes
  std::vector<Mark> marks_;
};

}  // namespace discolab::gui

// The picture of the cluster view: racks as columns of host tiles; on each tile the pattern's
// components there (labelled glyphs: REG registry, DNS DNS server, NL node-local DNS cache,
// LB load balancer, PX proxy, GW gateway), the client callers (triangles) and the containers
// as dots coloured by state; a host that is down is greyed and crossed, a component that is
// down is drawn hollow. For the selected caller it draws the discovery path: dashed from
// where it learns the instances (registry, DNS server …), solid through the components its
// requests cross (LB, proxy, gateway), then to every instance in the view that picks the
// instance; members not ready at t (stale routes) in red, a member already gone as a dashed
// ghost dot on its last host. Plain QPainter over the replay
// model's state at its time.
#pragma once

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QWidget>

class QPainter;

namespace discolab::gui {

class ClusterReplayModel;

class ClusterCanvas : public QWidget {
  Q_OBJECT
 public:
  ClusterCanvas(ClusterReplayModel* model, QWidget* parent = nullptr);

  // The caller whose path is drawn (index into the topology's callers; -1: none).
  void setCaller(int caller);
  int caller() const { return caller_; }
  // What the last paint drew: containers shown and stale routes highlighted (for tests).
  int drawnContainers() const { return drawn_containers_; }
  int drawnStaleRoutes() const { return drawn_stale_; }

  QSize sizeHint() const override { return {900, 700}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Layout {
    QHash<int, QRectF> hosts;        // host → tile
    QHash<int, QPointF> components;  // component → glyph centre
    QHash<int, QPointF> containers;  // container (instance) → dot centre
    QHash<int, QPointF> ghosts;      // gone instances the selected caller's view still lists
    QHash<int, QPointF> callers;     // caller → glyph centre
    QRectF legend;
  };
  Layout layout() const;
  void drawPath(QPainter& p, const Layout& l);
  void drawLegend(QPainter& p, const QRectF& r) const;

  ClusterReplayModel* model_;
  int caller_ = 0;
  int drawn_containers_ = 0;
  int drawn_stale_ = 0;
};

}  // namespace discolab::gui

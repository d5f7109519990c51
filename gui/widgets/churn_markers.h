// The cluster's disruptions drawn on a time chart: a thin dotted vertical line across the plot
// area at each one's time, coloured by kind (churn_color), with the kind, the subject, the time
// and the patterns whose runs reported it on hover. Only the lines take the mouse (shape()), so
// the chart's own lines keep their hover values between them.
#pragma once

#include <QColor>
#include <QGraphicsObject>
#include <QList>

#include "gui/models/time_series_model.h"

class QChart;
class QValueAxis;

namespace discolab::gui {

class ChurnMarkers : public QGraphicsObject {
  Q_OBJECT
 public:
  // Drawn over `chart`'s plot area against its time axis `x`.
  ChurnMarkers(QChart* chart, QValueAxis* x);

  void setMarks(const QList<TimeSeriesModel::ChurnMark>& marks);
  int count() const { return static_cast<int>(marks_.size()); }
  // The hover text of the marks within a few pixels of x (scene coordinates), or "".
  QString textAt(qreal x) const;

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;
  void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

 private:
  // The x of a time in the chart's coordinates, or NaN outside the axis range.
  qreal xOf(double t) const;
  void relayout();

  QChart* chart_;
  QValueAxis* x_;
  QList<TimeSeriesModel::ChurnMark> marks_;
  QRectF area_;
};

// The colour of a churn kind, the same in every chart and in the markers' key.
QColor churn_color(const QString& kind);
// The kinds, in the order the key lists them.
QStringList churn_kinds();

}  // namespace discolab::gui

#include "gui/widgets/churn_markers.h"

#include <QChart>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace discolab::gui {
namespace {
constexpr qreal kHoverPx = 3.0;  // how near the cursor a line must be
}  // namespace

QStringList churn_kinds() {
  return {QStringLiteral("crash"),        QStringLiteral("host_down"),
          QStringLiteral("host_up"),      QStringLiteral("component_down"),
          QStringLiteral("component_up"), QStringLiteral("rolling_update")};
}

QColor churn_color(const QString& kind) {
  // Apart from the patterns' colours (time_chart.cpp): greys, pink, olive and cyan.
  if (kind == QLatin1String("crash")) return QColor(80, 80, 80);
  if (kind == QLatin1String("host_down")) return QColor(0, 0, 0);
  if (kind == QLatin1String("host_up")) return QColor(170, 170, 170);
  if (kind == QLatin1String("component_down")) return QColor(227, 119, 194);
  if (kind == QLatin1String("component_up")) return QColor(188, 189, 34);
  if (kind == QLatin1String("rolling_update")) return QColor(23, 190, 207);
  return QColor(127, 127, 127);
}

ChurnMarkers::ChurnMarkers(QChart* chart, QValueAxis* x)
    : QGraphicsObject(chart), chart_(chart), x_(x) {
  setAcceptHoverEvents(true);
  setZValue(10);  // above the plot area's background and grid
  connect(chart_, &QChart::plotAreaChanged, this, [this] { relayout(); });
  connect(x_, &QValueAxis::rangeChanged, this, [this] { relayout(); });
  relayout();
}

void ChurnMarkers::relayout() {
  prepareGeometryChange();
  area_ = chart_->plotArea();
  update();
}

void ChurnMarkers::setMarks(const QList<TimeSeriesModel::ChurnMark>& marks) {
  prepareGeometryChange();
  marks_ = marks;
  update();
}

qreal ChurnMarkers::xOf(double t) const {
  const double lo = x_->min(), hi = x_->max();
  if (!(hi > lo) || t < lo || t > hi) return std::numeric_limits<qreal>::quiet_NaN();
  return area_.left() + (t - lo) / (hi - lo) * area_.width();
}

QRectF ChurnMarkers::boundingRect() const { return area_.adjusted(-kHoverPx, 0, kHoverPx, 0); }

QPainterPath ChurnMarkers::shape() const {
  QPainterPath path;
  for (const auto& m : marks_) {
    const qreal x = xOf(m.event.t_s);
    if (std::isfinite(x))
      path.addRect(QRectF(x - kHoverPx, area_.top(), 2 * kHoverPx, area_.height()));
  }
  return path;
}

void ChurnMarkers::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing, false);
  for (const auto& m : marks_) {
    const qreal x = xOf(m.event.t_s);
    if (!std::isfinite(x)) continue;
    QColor c = churn_color(m.event.kind);
    c.setAlpha(170);
    QPen pen(c);
    pen.setWidthF(1.0);
    pen.setStyle(Qt::DotLine);
    painter->setPen(pen);
    painter->drawLine(QPointF(x, area_.top()), QPointF(x, area_.bottom()));
    // A solid tick at the bottom, so the kind's colour reads at a glance.
    pen.setStyle(Qt::SolidLine);
    pen.setWidthF(3.0);
    painter->setPen(pen);
    painter->drawLine(QPointF(x, area_.bottom() - 7), QPointF(x, area_.bottom()));
  }
}

QString ChurnMarkers::textAt(qreal x) const {
  QStringList lines;
  for (const auto& m : marks_) {
    const qreal mx = xOf(m.event.t_s);
    if (!std::isfinite(mx) || std::abs(mx - x) > kHoverPx) continue;
    QString line = QStringLiteral("%1: %2").arg(m.event.kind, m.event.subject);
    if (!m.event.detail.isEmpty()) line += QStringLiteral(" (%1)").arg(m.event.detail);
    line += QStringLiteral(" at t = %1 s — %2")
                .arg(m.event.t_s, 0, 'g', 6)
                .arg(m.patterns.join(QStringLiteral(", ")));
    lines.append(line);
    if (lines.size() == 8) {
      lines.append(QStringLiteral("…"));
      break;
    }
  }
  return lines.join(QLatin1Char('\n'));
}

void ChurnMarkers::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
  const QString text = textAt(event->pos().x());
  if (text.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(event->screenPos(), text);
}

void ChurnMarkers::hoverLeaveEvent(QGraphicsSceneHoverEvent*) { QToolTip::hideText(); }

}  // namespace discolab::gui

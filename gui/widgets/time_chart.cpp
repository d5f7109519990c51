#include "gui/widgets/time_chart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "gui/models/time_series_model.h"
#include "gui/widgets/churn_markers.h"

namespace discolab::gui {

QColor pattern_color(const QString& pattern) {
  static const QStringList order{"client-side", "dns", "central-lb", "per-host-proxy",
                                 "api-gateway"};
  static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),
                                  QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75)};
  const qsizetype k = order.indexOf(pattern);
  return colors[k < 0 ? 5 : k];
}

TimeChart::TimeChart(const QString& title, TimeSeriesModel* model, QStringList keys,
                     QWidget* parent)
    : ChartPanel(title, parent),
      model_(model),
      keys_(std::move(keys)),
      x_(new QValueAxis()),
      y_(new QValueAxis()),
      base_title_(title),
      markers_(nullptr) {
  x_->setTitleText(tr("simulated time (s)"));
  x_->setLabelFormat(QStringLiteral("%g"));
  y_->setLabelFormat(QStringLiteral("%g"));
  chart()->addAxis(x_, Qt::AlignBottom);
  chart()->addAxis(y_, Qt::AlignLeft);
  markers_ = new ChurnMarkers(chart(), x_);
  timer_.setSingleShot(true);
  timer_.setInterval(250);
  connect(&timer_, &QTimer::timeout, this, &TimeChart::refresh);
  connect(model_, &QAbstractItemModel::rowsInserted, this, &TimeChart::scheduleRefresh);
  connect(model_, &QAbstractItemModel::dataChanged, this, &TimeChart::scheduleRefresh);
  connect(model_, &QAbstractItemModel::modelReset, this, &TimeChart::refresh);
  connect(model_, &TimeSeriesModel::sliceDataChanged, this, &TimeChart::scheduleRefresh);
  connect(model_, &TimeSeriesModel::churnChanged, this, &TimeChart::scheduleRefresh);
  refresh();
}

QString TimeChart::shownSlice() const {
  for (const QString& key : keys_)
    if (!TimeSeriesModel::isSliceFigure(key)) return {};
  return slice_;
}

void TimeChart::updateTitle() {
  QString title = base_title_;
  if (!slice_.isEmpty())
    title += shownSlice().isEmpty() ? tr(" — all views (not per group)")
                                    : QStringLiteral(" — ") + slice_;
  chart()->setTitle(title);
}

void TimeChart::setSlice(const QString& slice) {
  slice_ = slice;
  updateTitle();
  refresh();
}

void TimeChart::setKeys(const QStringList& keys, const QString& title) {
  if (keys == keys_ && title == base_title_) return;
  for (QLineSeries* s : std::as_const(lines_)) {
    chart()->removeSeries(s);
    delete s;
  }
  lines_.clear();
  keys_ = keys;
  base_title_ = title;
  updateTitle();
  refresh();
}

void TimeChart::scheduleRefresh() {
  if (!timer_.isActive()) timer_.start();
}

QLineSeries* TimeChart::line(const QString& pattern, const QString& key) const {
  return lines_.value(pattern + QLatin1Char('/') + key, nullptr);
}

void TimeChart::refresh() {
  timer_.stop();
  double x_max = 1.0, y_max = 0.0;
  QList<QAbstractSeries*> keep;
  const QString slice = shownSlice();
  for (const QString& pattern : model_->patterns()) {
    for (qsizetype k = 0; k < keys_.size(); ++k) {
      const QString& key = keys_[k];
      const QList<QPointF> points = model_->points(pattern, model_->column(key), slice);
      QLineSeries* s = line(pattern, key);
      if (s == nullptr) {
        s = new QLineSeries();
        // The legend shows each pattern once; the other figures' lines carry the key too.
        s->setName(k == 0 ? pattern : pattern + QLatin1Char(' ') + key);
        QPen pen(pattern_color(pattern));
        pen.setWidthF(k == 0 ? 1.6 : 1.2);
        if (k > 0) pen.setStyle(Qt::DashLine);
        s->setPen(pen);
        // A sparse figure (intervals without a sample are gaps the line jumps): dots show
        // where the samples are.
        if (key.startsWith(QLatin1String("propagation_"))) {
          s->setPointsVisible(true);
          s->setMarkerSize(k == 0 ? 3.0 : 2.0);
        }
        chart()->addSeries(s);
        lines_.insert(pattern + QLatin1Char('/') + key, s);
        if (k > 0)
          for (QLegendMarker* marker : chart()->legend()->markers(s)) marker->setVisible(false);
        s->attachAxis(x_);
        s->attachAxis(y_);
        connect(s, &QLineSeries::hovered, this, [this, s](const QPointF& p, bool state) {
          if (state)
            showValue(
                QStringLiteral("%1\nt = %2 s\n%3").arg(s->name()).arg(p.x()).arg(p.y(), 0, 'g', 4));
        });
      }
      s->replace(points);
      for (const QPointF& p : points) {
        x_max = std::max(x_max, p.x());
        if (std::isfinite(p.y())) y_max = std::max(y_max, p.y());
      }
      keep.append(s);
    }
  }
  for (QAbstractSeries* s : chart()->series())
    if (!keep.contains(s)) {
      lines_.remove(lines_.key(static_cast<QLineSeries*>(s)));
      chart()->removeSeries(s);
      delete s;
    }
  for (const auto& mark : model_->churn()) x_max = std::max(x_max, mark.event.t_s);
  x_->setRange(0, x_max);
  y_->setRange(0, y_max > 0 ? y_max * 1.05 : 1.0);
  y_->applyNiceNumbers();
  markers_->setMarks(model_->churn());
}

QString TimeChart::csv() const {
  QString out = QStringLiteral("pattern,figure,t_s,value\n");
  const QString slice = shownSlice();
  for (const QString& pattern : model_->patterns())
    for (const QString& key : keys_)
      for (const QPointF& p : model_->points(pattern, model_->column(key), slice))
        out += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(pattern, key)
                   .arg(p.x(), 0, 'g', 12)
                   .arg(p.y(), 0, 'g', 12);
  return out;
}

}  // namespace discolab::gui

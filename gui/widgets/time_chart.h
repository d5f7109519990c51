// One figure (or a pair: p50 dashed, p99 solid) of the time series model over simulated time,
// one line per pattern in that pattern's colour. Lines follow the model as a run streams:
// changes are gathered and drawn at most every 250 ms, so a fast stream never floods the
// event loop (setRefreshDelay staggers charts). Hovering a line shows the pattern, the time and the
// value. The cluster's disruptions are marked on the time axis (churn_markers.h).
//
// setSlice() shows one client group's lines instead of all requests' when every figure of the
// chart is kept per group (TimeSeriesModel::isSliceFigure); a chart of other figures (the
// views') keeps all requests' lines and says so in its title.
#pragma once

#include <QHash>
#include <QStringList>
#include <QTimer>

#include "gui/widgets/chart_panel.h"

class QLineSeries;
class QValueAxis;

namespace discolab::gui {

class TimeSeriesModel;
class ChurnMarkers;

class TimeChart : public ChartPanel {
  Q_OBJECT
 public:
  // `keys`: figure keys of the model; the first is drawn solid, the others dashed.
  TimeChart(const QString& title, TimeSeriesModel* model, QStringList keys,
            QWidget* parent = nullptr);

  QStringList keys() const { return keys_; }
  // Shows other figures (the lines of the old ones go), under a new title.
  void setKeys(const QStringList& keys, const QString& title);
  // "" for all requests, or one of the model's slices().
  void setSlice(const QString& slice);
  // The slice the lines show: the one set when the chart's figures are kept per group.
  QString shownSlice() const;
  ChurnMarkers* markers() const { return markers_; }
  // The line of a pattern and key, or nullptr.
  QLineSeries* line(const QString& pattern, const QString& key) const;
  QString csv() const override;
  // Redraws from the model now (the timer does it while a run streams).
  void refresh();
  // The pause between a model change and the redraw (default 250 ms); charts shown together
  // get different ones so their redraws do not fall in one pass of the event loop.
  void setRefreshDelay(int ms) { timer_.setInterval(ms); }

 private:
  void scheduleRefresh();
  void updateTitle();

  TimeSeriesModel* model_;
  QStringList keys_;
  QValueAxis* x_;
  QValueAxis* y_;
  QTimer timer_;
  QHash<QString, QLineSeries*> lines_;  // "pattern/key"
  QString base_title_;
  QString slice_;
  ChurnMarkers* markers_;
};

// The colour of a pattern, the same in every chart.
QColor pattern_color(const QString& pattern);

}  // namespace discolab::gui

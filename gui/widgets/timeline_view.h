// The Timeline tab: above, which requests the charts show (all requests, or one client group
// and its target service) and which failure cause the failures chart shows, and the key of the
// churn markers; below, six charts over simulated time, one line per pattern — stale-view
// fraction, propagation delay, stale routes, latency, failed fraction and failures of one cause.
#pragma once

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace discolab::gui {

class TimeSeriesModel;
class TimeChart;

class TimelineView : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineView(TimeSeriesModel* model, QWidget* parent = nullptr);

  QList<TimeChart*> charts() const { return charts_; }
  TimeChart* failuresByCause() const { return by_cause_; }
  QComboBox* sliceSelector() const { return slice_; }
  QComboBox* causeSelector() const { return cause_; }
  // Selects a slice by name ("" for all requests); false when the model has no such slice.
  bool selectSlice(const QString& slice);
  // Shows one cause's failures ("failed_timeout_per_s"); false when it is not a cause column.
  bool selectCause(const QString& key);

 private:
  void fillSlices();
  void fillCauses();
  void applyCause();

  TimeSeriesModel* model_;
  QComboBox* slice_;
  QComboBox* cause_;
  QLabel* key_;
  QList<TimeChart*> charts_;
  TimeChart* by_cause_ = nullptr;
  bool cause_chosen_ = false;  // the user picked a cause: the most frequent is not followed
};

}  // namespace discolab::gui

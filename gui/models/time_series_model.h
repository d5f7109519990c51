// The per-interval figures of runs, per pattern: one row per (pattern, simulated interval),
// rows grouped by pattern in the order patterns first appeared, intervals in time order.
//
// Columns: the pattern, then the figures of an `interval` line of the JSON-lines stream (the
// timeseries block of sim/metrics/figures_table.h: t_s, warmup, completed_per_s, …,
// stale_view_fraction, …, propagation_p99_s, failed_<cause>_per_s for every cause), then
// failure_rate (failed_per_s / completed_per_s of the interval). Several seeds of one pattern
// are averaged interval by interval, each figure over the seeds where it was defined (a null
// is left out; an interval without any is empty). Headers: the figure's label and unit
// ("latency p99 (ms)"); KeyRole the figure's key.
//
// Besides the rows (all requests), the model keeps
// - the same figures per client group and target service (a *slice*, "users → web", from the
//   interval's by_client rows or timeseries_by_client.csv), read with points(…, slice); only
//   the client timeseries block's figures exist per slice (isSliceFigure());
// - the cluster's disruptions (churn), once per (time, kind, subject), with the patterns whose
//   runs reported them, for the charts' markers.
#pragma once

#include <QAbstractTableModel>
#include <QPointF>
#include <QStringList>
#include <QVariantMap>
#include <vector>

#include "gui/models/stream_message.h"

namespace discolab::gui {

class TimeSeriesModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Role { KeyRole = Qt::UserRole + 1, UnitRole, LabelRole };
  static constexpr int kPatternColumn = 0;

  // A disruption on the time axis and the patterns whose runs reported it.
  struct ChurnMark {
    ChurnEvent event;
    QStringList patterns;
  };

  explicit TimeSeriesModel(QObject* parent = nullptr);

  // Adds one interval line of one run (the keys of the timeseries block; others are ignored).
  void addInterval(const QString& pattern, quint64 seed, const QVariantMap& figures);
  // Adds one client group's figures of an interval (t_s among them).
  void addClientInterval(const QString& pattern, quint64 seed, const QString& client,
                         const QString& service, const QVariantMap& figures);
  // Adds a disruption a run reported (a second report of the same one adds its pattern).
  void addChurn(const QString& pattern, const ChurnEvent& event);
  // Declares a pattern (so its series exists, in this order, before its first interval).
  void addPattern(const QString& pattern);
  void clear();

  QStringList patterns() const;
  // The column of a figure key ("latency_p99_ms", "failure_rate", "failed_timeout_per_s"), or -1.
  int column(const QString& key) const;
  QString key(int column) const;
  // The failures-by-cause columns' keys, in the files' order.
  QStringList causeKeys() const { return cause_keys_; }
  // (t_s, mean) of one pattern's defined values in a column, in time order; of a client group
  // when `slice` is one of slices(), else of all requests.
  QList<QPointF> points(const QString& pattern, int column, const QString& slice = {}) const;
  // The runs (seeds) that sent intervals for a pattern.
  int runCount(const QString& pattern) const;

  // Client groups seen, in the order first seen: "users → web".
  QStringList slices() const;
  static QString sliceName(const QString& client, const QString& service);
  // Whether a figure is kept per client group (the client timeseries block, failure_rate).
  static bool isSliceFigure(const QString& key);
  // The disruptions, in time order.
  const QList<ChurnMark>& churn() const { return churn_; }
  // The sum of a column's defined values over every pattern and interval, of all requests or
  // of a slice: which failure causes occurred at all.
  double total(int column, const QString& slice = {}) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 signals:
  void slicesChanged();
  // A client group's figures changed (the rows, all requests, signal as a table model does).
  void sliceDataChanged();
  void churnChanged();

 private:
  struct Cell {
    std::vector<double> sum;
    std::vector<int> count;
  };
  struct Series {
    QString pattern;
    std::vector<double> times;  // sorted
    std::vector<Cell> cells;    // one per time
    std::vector<quint64> seeds;
  };
  struct Slice {
    QString name;  // "" for all requests
    std::vector<Series> series;
  };
  struct Column {
    QString key, label, unit;
  };

  static Series& series(Slice& slice, const QString& pattern);
  const Series* find(const QString& pattern, const QString& slice = {}) const;
  int firstRow(const Series& s) const;
  double mean(const Cell& cell, int column) const;
  // The position of time t in s, and whether t is not there yet.
  static std::size_t slot(const Series& s, double t, bool* is_new);
  // Inserts an empty interval at t (at its slot k).
  void insertAt(Series& s, std::size_t k, double t) const;
  // Adds an interval's figures to a cell (failure_rate derived when absent).
  void accumulate(Cell& cell, const QVariantMap& figures) const;

  std::vector<Column> columns_;
  QStringList cause_keys_;
  std::vector<Slice> slices_;  // [0]: all requests
  QList<ChurnMark> churn_;
};

}  // namespace discolab::gui

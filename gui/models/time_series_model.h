// The per-interval figures of runs, per pattern: one row per (pattern, simulated interval),
// rows grouped by pattern in the order patterns first appeared, intervals in time order.
//
// Columns: the pattern, then the figures of an `interval` line of the JSON-lines stream (the
// timeseries block of sim/metrics/figures_table.h: t_s, warmup, completed_per_s, …,
// latency_p99_ms, stale_view_fraction …), then failure_rate (failed_per_s / completed_per_s of
// the interval). Several seeds of one pattern are averaged interval by interval, each figure
// over the seeds where it was defined (a null is left out; an interval without any is empty).
// Headers: the figure's label and unit ("latency p99 (ms)"); KeyRole the figure's key.
#pragma once

#include <QAbstractTableModel>
#include <QPointF>
#include <QStringList>
#include <QVariantMap>
#include <vector>

namespace discolab::gui {

class TimeSeriesModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Role { KeyRole = Qt::UserRole + 1, UnitRole, LabelRole };
  static constexpr int kPatternColumn = 0;

  explicit TimeSeriesModel(QObject* parent = nullptr);

  // Adds one interval line of one run (the keys of the timeseries block; others are ignored).
  void addInterval(const QString& pattern, quint64 seed, const QVariantMap& figures);
  // Declares a pattern (so its series exists, in this order, before its first interval).
  void addPattern(const QString& pattern);
  void clear();

  QStringList patterns() const;
  // The column of a figure key ("latency_p99_ms", "failure_rate"), or -1.
  int column(const QString& key) const;
  QString key(int column) const;
  // (t_s, mean) of one pattern's defined values in a column, in time order.
  QList<QPointF> points(const QString& pattern, int column) const;
  // The runs (seeds) that sent intervals for a pattern.
  int runCount(const QString& pattern) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

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
  struct Column {
    QString key, label, unit;
  };

  Series& series(const QString& pattern);
  const Series* find(const QString& pattern) const;
  int firstRow(const Series& s) const;
  double mean(const Cell& cell, int column) const;

  std::vector<Column> columns_;
  std::vector<Series> series_;
};

}  // namespace discolab::gui

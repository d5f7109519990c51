// A comparison's figures: one row per pattern × figure with the mean across seeds and its 95%
// Student-t interval, as comparison.csv holds them (sim/compare/comparison.h; docs/compare.md).
// A run folder's summary.json and the summaries of a GUI run go through the same Comparison,
// so all three read alike.
//
// Columns: pattern, figure (key), label, unit, n, mean, ci95 low, ci95 high. Undefined values
// (an interval with n < 2, a mean with n = 0) are empty.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <optional>
#include <vector>

namespace discolab::gui {

struct SummaryValue {
  int n = 0;
  double mean = 0.0;
  std::optional<double> low, high;  // the 95% interval, when n ≥ 2
};

class SummaryModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    PatternColumn,
    FigureColumn,
    LabelColumn,
    UnitColumn,
    NColumn,
    MeanColumn,
    LowColumn,
    HighColumn,
    ColumnCount
  };

  explicit SummaryModel(QObject* parent = nullptr);

  // Reads comparison.csv text; false (and `error`) when its header is not comparison.csv's.
  bool loadCsv(const QByteArray& text, QString* error = nullptr);
  bool loadFile(const QString& path, QString* error = nullptr);
  void clear();

  QStringList patterns() const;
  // Figure keys in file order; `mainOnly`: the ones `compare` prints first (the table's).
  QStringList figures(bool mainOnly) const;
  QString label(const QString& figure) const;
  QString unit(const QString& figure) const;
  std::optional<SummaryValue> value(const QString& pattern, const QString& figure) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  struct Row {
    QString pattern, figure, label, unit;
    int n = 0;
    std::optional<double> mean, low, high;
  };
  std::vector<Row> rows_;
};

}  // namespace discolab::gui

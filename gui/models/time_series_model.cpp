#include "gui/models/time_series_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/metrics/figures_table.h"

namespace discolab::gui {
namespace {

QString text(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// The number of a figure in an interval line, NaN when absent or null.
double number(const QVariantMap& figures, const QString& key) {
  const auto it = figures.find(key);
  if (it == figures.end() || it->isNull() || !it->isValid())
    return std::numeric_limits<double>::quiet_NaN();
  bool ok = false;
  const double v = it->toDouble(&ok);
  return ok ? v : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

TimeSeriesModel::TimeSeriesModel(QObject* parent) : QAbstractTableModel(parent) {
  columns_.push_back({QStringLiteral("pattern"), tr("pattern"), {}});
  for (const metrics::Figure& f : metrics::table::kTimeseries)
    columns_.push_back({text(f.key), text(f.label), text(f.unit)});
  // Derived per interval: the requests block's failure_rate, from the interval's counts.
  for (const metrics::Figure& f : metrics::table::kRequests)
    if (f.key == "failure_rate") columns_.push_back({text(f.key), text(f.label), text(f.unit)});
}

TimeSeriesModel::Series& TimeSeriesModel::series(const QString& pattern) {
  for (Series& s : series_)
    if (s.pattern == pattern) return s;
  series_.push_back(Series{pattern, {}, {}, {}});
  return series_.back();
}

const TimeSeriesModel::Series* TimeSeriesModel::find(const QString& pattern) const {
  for (const Series& s : series_)
    if (s.pattern == pattern) return &s;
  return nullptr;
}

int TimeSeriesModel::firstRow(const Series& s) const {
  int row = 0;
  for (const Series& other : series_) {
    if (&other == &s) break;
    row += static_cast<int>(other.times.size());
  }
  return row;
}

void TimeSeriesModel::addPattern(const QString& pattern) { series(pattern); }

void TimeSeriesModel::addInterval(const QString& pattern, quint64 seed,
                                  const QVariantMap& figures) {
  const double t = number(figures, QStringLiteral("t_s"));
  if (!std::isfinite(t)) return;
  Series& s = series(pattern);
  if (std::find(s.seeds.begin(), s.seeds.end(), seed) == s.seeds.end()) s.seeds.push_back(seed);
  const auto at = std::lower_bound(s.times.begin(), s.times.end(), t);
  const auto k = static_cast<std::size_t>(at - s.times.begin());
  const int row = firstRow(s) + static_cast<int>(k);
  const bool is_new = at == s.times.end() || *at != t;
  if (is_new) {
    beginInsertRows({}, row, row);
    s.times.insert(at, t);
    const std::size_t n = columns_.size();
    s.cells.insert(s.cells.begin() + static_cast<std::ptrdiff_t>(k),
                   Cell{std::vector<double>(n, 0.0), std::vector<int>(n, 0)});
  }
  Cell& cell = s.cells[k];
  for (std::size_t c = 1; c < columns_.size(); ++c) {
    double v = number(figures, columns_[c].key);
    if (columns_[c].key == QLatin1String("failure_rate") && !figures.contains(columns_[c].key)) {
      const double completed = number(figures, QStringLiteral("completed_per_s"));
      const double failed = number(figures, QStringLiteral("failed_per_s"));
      v = completed > 0 ? failed / completed : std::numeric_limits<double>::quiet_NaN();
    }
    if (!std::isfinite(v)) continue;
    cell.sum[c] += v;
    ++cell.count[c];
  }
  if (is_new)
    endInsertRows();
  else
    emit dataChanged(index(row, 1), index(row, columnCount() - 1));
}

void TimeSeriesModel::clear() {
  beginResetModel();
  series_.clear();
  endResetModel();
}

QStringList TimeSeriesModel::patterns() const {
  QStringList names;
  for (const Series& s : series_) names.append(s.pattern);
  return names;
}

int TimeSeriesModel::column(const QString& key) const {
  for (std::size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c].key == key) return static_cast<int>(c);
  return -1;
}

QString TimeSeriesModel::key(int column) const {
  return column >= 0 && column < columnCount() ? columns_[static_cast<std::size_t>(column)].key
                                               : QString();
}

double TimeSeriesModel::mean(const Cell& cell, int column) const {
  const auto c = static_cast<std::size_t>(column);
  return cell.count[c] > 0 ? cell.sum[c] / cell.count[c] : std::numeric_limits<double>::quiet_NaN();
}

QList<QPointF> TimeSeriesModel::points(const QString& pattern, int column) const {
  QList<QPointF> out;
  const Series* s = find(pattern);
  if (s == nullptr || column <= 0 || column >= columnCount()) return out;
  for (std::size_t k = 0; k < s->times.size(); ++k) {
    const double v = mean(s->cells[k], column);
    if (std::isfinite(v)) out.append(QPointF(s->times[k], v));
  }
  return out;
}

int TimeSeriesModel::runCount(const QString& pattern) const {
  const Series* s = find(pattern);
  return s == nullptr ? 0 : static_cast<int>(s->seeds.size());
}

int TimeSeriesModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  int rows = 0;
  for (const Series& s : series_) rows += static_cast<int>(s.times.size());
  return rows;
}

int TimeSeriesModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(columns_.size());
}

QVariant TimeSeriesModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole) return {};
  int row = index.row();
  for (const Series& s : series_) {
    const int n = static_cast<int>(s.times.size());
    if (row >= n) {
      row -= n;
      continue;
    }
    if (index.column() == kPatternColumn) return s.pattern;
    const double v = mean(s.cells[static_cast<std::size_t>(row)], index.column());
    return std::isfinite(v) ? QVariant(v) : QVariant();
  }
  return {};
}

QVariant TimeSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
  const Column& c = columns_[static_cast<std::size_t>(section)];
  switch (role) {
    case Qt::DisplayRole:
      return c.unit.isEmpty() ? c.label
                              : c.label + QStringLiteral(" (") + c.unit + QLatin1Char(')');
    case KeyRole:
      return c.key;
    case UnitRole:
      return c.unit;
    case LabelRole:
      return c.label;
  }
  return {};
}

}  // namespace discolab::gui

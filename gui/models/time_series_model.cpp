#include "gui/models/time_series_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/metrics/figures_table.h"
#include "sim/metrics/request_stats.h"
#include "sim/metrics/timeseries.h"

namespace discolab::gui {
namespace {

QString text(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

constexpr std::string_view kCauseFamily = "failed_<cause>_per_s";

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
  for (const metrics::Figure& f : metrics::table::kTimeseries) {
    if (f.key != kCauseFamily) {
      columns_.push_back({text(f.key), text(f.label), text(f.unit)});
      continue;
    }
    // The family: a column per cause, in the files' order.
    for (const FailureCause cause : metrics::kFailureCauses) {
      const QString key = QString::fromStdString(metrics::failed_cause_column(cause));
      columns_.push_back({key, tr("failed: %1").arg(text(to_string(cause))), text(f.unit)});
      cause_keys_.append(key);
    }
  }
  // Derived per interval: the requests block's failure_rate, from the interval's counts.
  for (const metrics::Figure& f : metrics::table::kRequests)
    if (f.key == "failure_rate") columns_.push_back({text(f.key), text(f.label), text(f.unit)});
  slices_.push_back(Slice{});
}

bool TimeSeriesModel::isSliceFigure(const QString& key) {
  if (key == QLatin1String("failure_rate")) return true;
  if (key == QLatin1String("client") || key == QLatin1String("service")) return false;
  for (const metrics::Figure& f : metrics::table::kClientTimeseries) {
    if (f.key == kCauseFamily && key.startsWith(QLatin1String("failed_")) &&
        key.endsWith(QLatin1String("_per_s")) && key != QLatin1String("failed_per_s"))
      return true;
    if (text(f.key) == key) return true;
  }
  return false;
}

QString TimeSeriesModel::sliceName(const QString& client, const QString& service) {
  return client + QStringLiteral(" → ") + service;
}

TimeSeriesModel::Series& TimeSeriesModel::series(Slice& slice, const QString& pattern) {
  for (Series& s : slice.series)
    if (s.pattern == pattern) return s;
  slice.series.push_back(Series{pattern, {}, {}, {}});
  return slice.series.back();
}

const TimeSeriesModel::Series* TimeSeriesModel::find(const QString& pattern,
                                                     const QString& slice) const {
  for (const Slice& sl : slices_) {
    if (sl.name != slice) continue;
    for (const Series& s : sl.series)
      if (s.pattern == pattern) return &s;
  }
  return nullptr;
}

int TimeSeriesModel::firstRow(const Series& s) const {
  int row = 0;
  for (const Series& other : slices_.front().series) {
    if (&other == &s) break;
    row += static_cast<int>(other.times.size());
  }
  return row;
}

void TimeSeriesModel::addPattern(const QString& pattern) { series(slices_.front(), pattern); }

std::size_t TimeSeriesModel::slot(const Series& s, double t, bool* is_new) {
  const auto at = std::lower_bound(s.times.begin(), s.times.end(), t);
  *is_new = at == s.times.end() || *at != t;
  return static_cast<std::size_t>(at - s.times.begin());
}

void TimeSeriesModel::insertAt(Series& s, std::size_t k, double t) const {
  const std::size_t n = columns_.size();
  s.times.insert(s.times.begin() + static_cast<std::ptrdiff_t>(k), t);
  s.cells.insert(s.cells.begin() + static_cast<std::ptrdiff_t>(k),
                 Cell{std::vector<double>(n, 0.0), std::vector<int>(n, 0)});
}

void TimeSeriesModel::accumulate(Cell& cell, const QVariantMap& figures) const {
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
}

void TimeSeriesModel::addInterval(const QString& pattern, quint64 seed,
                                  const QVariantMap& figures) {
  const double t = number(figures, QStringLiteral("t_s"));
  if (!std::isfinite(t)) return;
  Series& s = series(slices_.front(), pattern);
  if (std::find(s.seeds.begin(), s.seeds.end(), seed) == s.seeds.end()) s.seeds.push_back(seed);
  bool is_new = false;
  const std::size_t k = slot(s, t, &is_new);
  const int row = firstRow(s) + static_cast<int>(k);
  if (is_new) {
    beginInsertRows({}, row, row);
    insertAt(s, k, t);
  }
  accumulate(s.cells[k], figures);
  if (is_new)
    endInsertRows();
  else
    emit dataChanged(index(row, 1), index(row, columnCount() - 1));
}

void TimeSeriesModel::addClientInterval(const QString& pattern, quint64 seed, const QString& client,
                                        const QString& service, const QVariantMap& figures) {
  const double t = number(figures, QStringLiteral("t_s"));
  if (!std::isfinite(t)) return;
  const QString name = sliceName(client, service);
  auto sl = std::find_if(slices_.begin() + 1, slices_.end(),
                         [&](const Slice& x) { return x.name == name; });
  const bool new_slice = sl == slices_.end();
  if (new_slice) sl = slices_.insert(slices_.end(), Slice{name, {}});
  Series& s = series(*sl, pattern);
  if (std::find(s.seeds.begin(), s.seeds.end(), seed) == s.seeds.end()) s.seeds.push_back(seed);
  bool is_new = false;
  const std::size_t k = slot(s, t, &is_new);
  if (is_new) insertAt(s, k, t);
  accumulate(s.cells[k], figures);
  if (new_slice) emit slicesChanged();
  emit sliceDataChanged();
}

void TimeSeriesModel::addChurn(const QString& pattern, const ChurnEvent& event) {
  if (!std::isfinite(event.t_s)) return;
  auto at = std::lower_bound(churn_.begin(), churn_.end(), event.t_s,
                             [](const ChurnMark& m, double t) { return m.event.t_s < t; });
  for (auto it = at; it != churn_.end() && it->event.t_s == event.t_s; ++it) {
    if (it->event.kind != event.kind || it->event.subject != event.subject) continue;
    if (it->patterns.contains(pattern)) return;
    it->patterns.append(pattern);
    emit churnChanged();
    return;
  }
  // After the marks of the same time: they keep the order they came in.
  while (at != churn_.end() && at->event.t_s == event.t_s) ++at;
  churn_.insert(at, ChurnMark{event, {pattern}});
  emit churnChanged();
}

void TimeSeriesModel::clear() {
  beginResetModel();
  slices_.clear();
  slices_.push_back(Slice{});
  churn_.clear();
  endResetModel();
  emit slicesChanged();
  emit churnChanged();
}

QStringList TimeSeriesModel::patterns() const {
  QStringList names;
  for (const Series& s : slices_.front().series) names.append(s.pattern);
  return names;
}

QStringList TimeSeriesModel::slices() const {
  QStringList names;
  for (std::size_t k = 1; k < slices_.size(); ++k) names.append(slices_[k].name);
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

QList<QPointF> TimeSeriesModel::points(const QString& pattern, int column,
                                       const QString& slice) const {
  QList<QPointF> out;
  const Series* s = find(pattern, slice);
  if (s == nullptr || column <= 0 || column >= columnCount()) return out;
  for (std::size_t k = 0; k < s->times.size(); ++k) {
    const double v = mean(s->cells[k], column);
    if (std::isfinite(v)) out.append(QPointF(s->times[k], v));
  }
  return out;
}

double TimeSeriesModel::total(int column, const QString& slice) const {
  double sum = 0.0;
  if (column <= 0 || column >= columnCount()) return sum;
  for (const Slice& sl : slices_) {
    if (sl.name != slice) continue;
    for (const Series& s : sl.series)
      for (const Cell& cell : s.cells) {
        const double v = mean(cell, column);
        if (std::isfinite(v)) sum += v;
      }
  }
  return sum;
}

int TimeSeriesModel::runCount(const QString& pattern) const {
  const Series* s = find(pattern);
  return s == nullptr ? 0 : static_cast<int>(s->seeds.size());
}

int TimeSeriesModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  int rows = 0;
  for (const Series& s : slices_.front().series) rows += static_cast<int>(s.times.size());
  return rows;
}

int TimeSeriesModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(columns_.size());
}

QVariant TimeSeriesModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole) return {};
  int row = index.row();
  for (const Series& s : slices_.front().series) {
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

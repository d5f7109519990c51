#include "gui/models/summary_model.h"

#include <QFile>
#include <algorithm>

#include "gui/models/csv_reader.h"
#include "sim/metrics/figures.h"

namespace discolab::gui {
namespace {

std::optional<double> number(const std::string& field) {
  if (field.empty()) return std::nullopt;
  bool ok = false;
  const double v = QString::fromStdString(field).toDouble(&ok);
  return ok ? std::optional<double>(v) : std::nullopt;
}

// The label of a figure key: the table's for compared figures, else the declared figure's.
QString label_of(const std::string& key) {
  for (const metrics::ComparedFigure& f : metrics::comparison_figures())
    if (f.key == key) return QString::fromStdString(f.label);
  if (const metrics::DeclaredFigure* d = metrics::find_figure(key)) {
    // A group's figure: "<group> <label>".
    const std::size_t dot = key.find('.');
    const std::size_t tail = key.size() - d->figure->key.size();
    if (key.starts_with("by_") && dot != std::string::npos && tail > dot + 1)
      return QString::fromStdString(key.substr(dot + 1, tail - dot - 2) + " " + d->label);
    return QString::fromStdString(d->label);
  }
  return QString::fromStdString(key);
}

bool is_main(const QString& key) {
  const std::string k = key.toStdString();
  for (const metrics::ComparedFigure& f : metrics::comparison_figures())
    if (f.key == k) return true;
  return false;
}

}  // namespace

SummaryModel::SummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

bool SummaryModel::loadCsv(const QByteArray& text, QString* error) {
  const auto records =
      parse_csv(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
  const std::vector<std::string> header{"pattern",   "figure",     "unit", "better",
                                        "n",         "samples",    "mean", "ci95_low",
                                        "ci95_high", "half_width", "stdev"};
  // Later columns (comparison.csv's `interval`) are read by name elsewhere; these lead it.
  if (records.empty() || records.front().size() < header.size() ||
      !std::equal(header.begin(), header.end(), records.front().begin())) {
    if (error != nullptr) *error = tr("not a comparison.csv (its header differs)");
    return false;
  }
  std::vector<Row> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.size() != records.front().size()) continue;
    Row row;
    row.pattern = QString::fromStdString(r[0]);
    row.figure = QString::fromStdString(r[1]);
    row.label = label_of(r[1]);
    row.unit = QString::fromStdString(r[2]);
    row.n = static_cast<int>(number(r[4]).value_or(0));
    row.mean = number(r[6]);
    row.low = number(r[7]);
    row.high = number(r[8]);
    rows.push_back(std::move(row));
  }
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
  return true;
}

bool SummaryModel::loadFile(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error != nullptr) *error = path + QStringLiteral(": ") + file.errorString();
    return false;
  }
  return loadCsv(file.readAll(), error);
}

void SummaryModel::clear() {
  beginResetModel();
  rows_.clear();
  endResetModel();
}

QStringList SummaryModel::patterns() const {
  QStringList out;
  for (const Row& r : rows_)
    if (!out.contains(r.pattern)) out.append(r.pattern);
  return out;
}

QStringList SummaryModel::figures(bool mainOnly) const {
  QStringList out;
  for (const Row& r : rows_)
    if (!out.contains(r.figure) && (!mainOnly || is_main(r.figure))) out.append(r.figure);
  return out;
}

QString SummaryModel::label(const QString& figure) const {
  for (const Row& r : rows_)
    if (r.figure == figure) return r.label;
  return figure;
}

QString SummaryModel::unit(const QString& figure) const {
  for (const Row& r : rows_)
    if (r.figure == figure) return r.unit;
  return {};
}

std::optional<SummaryValue> SummaryModel::value(const QString& pattern,
                                                const QString& figure) const {
  for (const Row& r : rows_)
    if (r.pattern == pattern && r.figure == figure && r.mean)
      return SummaryValue{r.n, *r.mean, r.low, r.high};
  return std::nullopt;
}

int SummaryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int SummaryModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant SummaryModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole) return {};
  const Row& r = rows_[static_cast<std::size_t>(index.row())];
  auto optional = [](const std::optional<double>& v) { return v ? QVariant(*v) : QVariant(); };
  switch (index.column()) {
    case PatternColumn:
      return r.pattern;
    case FigureColumn:
      return r.figure;
    case LabelColumn:
      return r.label;
    case UnitColumn:
      return r.unit;
    case NColumn:
      return r.n;
    case MeanColumn:
      return optional(r.mean);
    case LowColumn:
      return optional(r.low);
    case HighColumn:
      return optional(r.high);
  }
  return {};
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* const names[] = {"pattern", "figure", "label",    "unit",
                                      "n",       "mean",   "ci95 low", "ci95 high"};
  return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

}  // namespace discolab::gui

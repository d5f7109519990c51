#include "gui/models/scenario_model.h"

#include <QFile>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "gui/models/scenario_parameters.h"
#include "gui/models/yaml_edit.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_loader.h"

namespace discolab::gui {
namespace {

QString kind_name(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::whole:
      return QStringLiteral("whole");
    case ParameterKind::number:
      return QStringLiteral("number");
    case ParameterKind::duration:
      return QStringLiteral("duration");
    case ParameterKind::rate:
      return QStringLiteral("rate");
    case ParameterKind::choice:
      return QStringLiteral("choice");
  }
  return {};
}

ScenarioIssueItem issue_item(const ScenarioIssue& issue) {
  ScenarioIssueItem item;
  item.keyPath = QString::fromStdString(issue.key_path);
  item.message = QString::fromStdString(issue.message);
  item.text = QString::fromStdString(issue.text());
  static const QRegularExpression place(QStringLiteral(":(\\d+):(\\d+)$"));
  const auto match = place.match(QString::fromStdString(issue.where));
  if (match.hasMatch()) {
    item.line = match.captured(1).toInt();
    item.column = match.captured(2).toInt();
  }
  return item;
}

QString display_text(const Parameter& p) {
  if (p.kind == ParameterKind::choice) return QString::fromStdString(p.text);
  if (p.kind == ParameterKind::whole) return QString::number(std::llround(p.value));
  return QString::number(p.value, 'g', 6);
}

}  // namespace

ScenarioModel::ScenarioModel(QObject* parent) : QAbstractTableModel(parent) {}
ScenarioModel::~ScenarioModel() = default;

bool ScenarioModel::loadFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    beginResetModel();
    parameters_.clear();
    text_.clear();
    source_ = path;
    name_.clear();
    issues_ = {ScenarioIssueItem{0, 0, {}, file.errorString(), path + ": " + file.errorString()}};
    endResetModel();
    emit yamlTextChanged();
    emit issuesChanged();
    return false;
  }
  setYamlText(QString::fromUtf8(file.readAll()), path);
  return true;
}

void ScenarioModel::setYamlText(const QString& text, const QString& source) {
  text_ = text;
  if (!source.isEmpty()) source_ = source;
  reparse();
  emit yamlTextChanged();
}

void ScenarioModel::reparse() {
  const QList<ScenarioIssueItem> before = issues_;
  issues_.clear();
  std::vector<Parameter> parameters;
  bool parsed = false;
  try {
    const Scenario scenario = parse_scenario(text_.toStdString(), source_.toStdString());
    parameters = scenario_parameters(scenario);
    name_ = QString::fromStdString(scenario.name);
    parsed = true;
  } catch (const ScenarioError& e) {
    for (const ScenarioIssue& issue : e.issues()) issues_.append(issue_item(issue));
  } catch (const std::exception& e) {
    issues_.append({0, 0, {}, QString::fromUtf8(e.what()), source_ + ": " + e.what()});
  }
  if (parsed) {
    bool same_rows = parameters.size() == parameters_.size();
    for (std::size_t i = 0; same_rows && i < parameters.size(); ++i)
      same_rows = parameters[i].path == parameters_[i].path;
    if (same_rows) {
      parameters_ = std::move(parameters);
      if (!parameters_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
      beginResetModel();
      parameters_ = std::move(parameters);
      endResetModel();
    }
  }
  bool same_issues = before.size() == issues_.size();
  for (qsizetype i = 0; same_issues && i < before.size(); ++i)
    same_issues = before[i].text == issues_[i].text;
  if (!same_issues) emit issuesChanged();
}

int ScenarioModel::rowOfKey(const QString& key) const {
  const std::string k = key.toStdString();
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    if (parameters_[i].path == k) return static_cast<int>(i);
  return -1;
}

bool ScenarioModel::setValue(const QString& key, const QVariant& value) {
  const int row = rowOfKey(key);
  return row >= 0 && setData(index(row, ValueColumn), value, Qt::EditRole);
}

int ScenarioModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(parameters_.size());
}

int ScenarioModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScenarioModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const Parameter& p = parameters_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case LabelColumn:
          return QString::fromStdString(p.label);
        case ValueColumn:
          return display_text(p);
        case UnitColumn:
          return QString::fromStdString(p.unit);
        case KeyColumn:
          return QString::fromStdString(p.path);
      }
      return {};
    case Qt::EditRole:
      if (index.column() != ValueColumn) return data(index, Qt::DisplayRole);
      if (p.kind == ParameterKind::choice) return QString::fromStdString(p.text);
      if (p.kind == ParameterKind::whole) return static_cast<int>(std::llround(p.value));
      return p.value;
    case Qt::ToolTipRole:
    case HelpRole:
      return QString::fromStdString(p.help);
    case KindRole:
      return kind_name(p.kind);
    case MinimumRole:
      return p.minimum;
    case MaximumRole:
      return p.maximum;
    case ChoicesRole: {
      QStringList choices;
      for (const std::string& c : p.choices) choices.append(QString::fromStdString(c));
      return choices;
    }
    case GroupRole:
      return QString::fromStdString(p.group);
    case KeyRole:
      return QString::fromStdString(p.path);
    case TextRole:
      return QString::fromStdString(p.text);
    default:
      return {};
  }
}

bool ScenarioModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::EditRole || index.column() != ValueColumn ||
      !checkIndex(index, CheckIndexOption::IndexIsValid))
    return false;
  const Parameter& p = parameters_[static_cast<std::size_t>(index.row())];
  std::string text;
  if (p.kind == ParameterKind::choice) {
    text = value.toString().toStdString();
    if (std::find(p.choices.begin(), p.choices.end(), text) == p.choices.end()) return false;
  } else {
    bool ok = false;
    const double v = value.toDouble(&ok);
    const auto formatted = ok ? parameter_text(p, v) : std::nullopt;
    if (!formatted) return false;
    text = *formatted;
  }
  if (text == p.text) return true;
  try {
    setYamlText(QString::fromStdString(set_yaml_value(text_.toStdString(), p.path, text)));
  } catch (const std::invalid_argument&) {
    return false;
  }
  return true;
}

Qt::ItemFlags ScenarioModel::flags(const QModelIndex& index) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  if (index.column() == ValueColumn) f |= Qt::ItemIsEditable;
  return f;
}

QVariant ScenarioModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case LabelColumn:
      return tr("parameter");
    case ValueColumn:
      return tr("value");
    case UnitColumn:
      return tr("unit");
    case KeyColumn:
      return tr("key");
  }
  return {};
}

}  // namespace discolab::gui

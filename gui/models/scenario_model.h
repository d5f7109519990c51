// A scenario as the GUI edits it: its YAML text and, read from it through the scenario
// schema, the parameters a student plays with (scenario_parameters.h), one row each.
//
// The text is the truth. Setting a parameter rewrites its value in the text (yaml_edit.h) and
// re-reads the text; setting the text re-reads the parameters. Text the loader rejects keeps the
// last valid parameters and reports every problem with its line and column (issues()), as
// `discolab validate` does.
//
// Columns: label, value, unit, key (the --set path). The value's EditRole is typed: int for a
// whole number, double (display units) for durations, rates and numbers, QString for a choice.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace discolab::gui {

struct Parameter;

struct ScenarioIssueItem {
  int line = 0;  // 1-based; 0 when the problem has no place in the text
  int column = 0;
  QString keyPath;
  QString message;
  QString text;  // "file:line:column: key: message", as the command line prints it
};

class ScenarioModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { LabelColumn, ValueColumn, UnitColumn, KeyColumn, ColumnCount };
  enum Role {
    KindRole = Qt::UserRole + 1,  // "whole", "number", "duration", "rate", "choice"
    MinimumRole,
    MaximumRole,
    ChoicesRole,  // QStringList
    GroupRole,    // "Cluster", "Workload", "Churn" or a pattern
    HelpRole,
    KeyRole,   // the --set path
    TextRole,  // the value as the file writes it ("15s")
  };

  explicit ScenarioModel(QObject* parent = nullptr);
  ~ScenarioModel() override;

  // Reads a scenario file; false (and an issue) when it cannot be read.
  bool loadFile(const QString& path);
  // Replaces the text; `source` names it in messages and resolves relative platform files.
  void setYamlText(const QString& text, const QString& source = {});
  QString yamlText() const { return text_; }
  QString sourcePath() const { return source_; }
  QString scenarioName() const { return name_; }
  bool isValid() const { return issues_.isEmpty(); }
  const QList<ScenarioIssueItem>& issues() const { return issues_; }
  // The row of a --set path, or -1.
  int rowOfKey(const QString& key) const;
  // Sets the parameter at `key` to a typed value (as setData on its value column).
  bool setValue(const QString& key, const QVariant& value);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 signals:
  void yamlTextChanged();
  void issuesChanged();

 private:
  void reparse();

  QString text_;
  QString source_;
  QString name_;
  QList<ScenarioIssueItem> issues_;
  std::vector<Parameter> parameters_;
};

}  // namespace discolab::gui

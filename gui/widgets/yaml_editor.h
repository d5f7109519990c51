// The scenario's YAML text, editable, kept in sync with the scenario model both ways: typing
// sets the model's text (after a short pause), a parameter changed in the panel rewrites the
// text here. The loader's problems are shown inline — the lines underlined in red — and listed
// below as the command line prints them (file:line:column: key: message); clicking one moves
// the cursor there.
#pragma once

#include <QTimer>
#include <QWidget>

class QListWidget;
class QPlainTextEdit;

namespace discolab::gui {

class ScenarioModel;

class YamlEditor : public QWidget {
  Q_OBJECT
 public:
  explicit YamlEditor(ScenarioModel* model, QWidget* parent = nullptr);

  QPlainTextEdit* editor() const { return edit_; }
  QListWidget* issueList() const { return issues_; }
  // Hands the text to the model now (typing does it after a 400 ms pause).
  void commit();

 private:
  void showModelText();
  void showIssues();

  ScenarioModel* model_;
  QPlainTextEdit* edit_;
  QListWidget* issues_;
  QTimer pause_;
};

}  // namespace discolab::gui

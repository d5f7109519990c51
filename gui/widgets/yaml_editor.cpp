#include "gui/widgets/yaml_editor.h"

#include <QFontDatabase>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

#include "gui/models/scenario_model.h"

namespace discolab::gui {

YamlEditor::YamlEditor(ScenarioModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      edit_(new QPlainTextEdit(this)),
      issues_(new QListWidget(this)) {
  edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  edit_->setLineWrapMode(QPlainTextEdit::NoWrap);
  issues_->setMaximumHeight(110);
  issues_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit_, 1);
  layout->addWidget(issues_);
  pause_.setSingleShot(true);
  pause_.setInterval(400);
  connect(&pause_, &QTimer::timeout, this, &YamlEditor::commit);
  connect(edit_, &QPlainTextEdit::textChanged, this, [this] { pause_.start(); });
  connect(model_, &ScenarioModel::yamlTextChanged, this, &YamlEditor::showModelText);
  connect(model_, &ScenarioModel::issuesChanged, this, &YamlEditor::showIssues);
  connect(issues_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    const int line = item->data(Qt::UserRole).toInt(),
              column = item->data(Qt::UserRole + 1).toInt();
    if (line <= 0) return;
    QTextCursor c(edit_->document()->findBlockByNumber(line - 1));
    c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, column - 1));
    edit_->setTextCursor(c);
    edit_->setFocus();
  });
  showModelText();
  showIssues();
}

void YamlEditor::commit() {
  pause_.stop();
  if (edit_->toPlainText() != model_->yamlText()) model_->setYamlText(edit_->toPlainText());
}

void YamlEditor::showModelText() {
  if (edit_->toPlainText() == model_->yamlText()) return;
  const int position = edit_->textCursor().position();
  const int scroll = edit_->verticalScrollBar()->value();
  {
    const QSignalBlocker block(edit_);
    edit_->setPlainText(model_->yamlText());
  }
  QTextCursor c = edit_->textCursor();
  c.setPosition(std::min(position, static_cast<int>(model_->yamlText().size())));
  edit_->setTextCursor(c);
  edit_->verticalScrollBar()->setValue(scroll);
  showIssues();
}

void YamlEditor::showIssues() {
  issues_->clear();
  QList<QTextEdit::ExtraSelection> marks;
  for (const ScenarioIssueItem& issue : model_->issues()) {
    auto* item = new QListWidgetItem(issue.text, issues_);
    item->setForeground(QColor(170, 0, 0));
    item->setData(Qt::UserRole, issue.line);
    item->setData(Qt::UserRole + 1, issue.column);
    if (issue.line <= 0) continue;
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(edit_->document()->findBlockByNumber(issue.line - 1));
    mark.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(Qt::red);
    mark.format.setBackground(QColor(255, 230, 230));
    mark.format.setToolTip(issue.message);
    marks.append(mark);
  }
  if (model_->issues().isEmpty()) {
    auto* ok = new QListWidgetItem(tr("valid: %1").arg(model_->scenarioName()), issues_);
    ok->setForeground(QColor(0, 110, 0));
  }
  edit_->setExtraSelections(marks);
}

}  // namespace discolab::gui

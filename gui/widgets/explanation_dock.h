// The explanation panel: a dock showing one of the project's docs as rendered Markdown — a
// pattern's (how it works, the real systems that use it, its trade-offs: docs/patterns/) or a
// lesson's (docs/lessons/). The docs are compiled into the program (gui/models/project_docs.h);
// links between them open in the panel, web links in the browser.
#pragma once

#include <QDockWidget>

class QComboBox;
class QTextBrowser;

namespace discolab::gui {

class ExplanationDock : public QDockWidget {
  Q_OBJECT
 public:
  explicit ExplanationDock(QWidget* parent = nullptr);

  // Shows a pattern's doc ("dns" → docs/patterns/dns.md); false for an unknown pattern.
  bool showPattern(const QString& pattern);
  // Shows a lesson's text (a doc path relative to the project's root) under its title.
  bool showLesson(const QString& title, const QString& doc);

  // The doc shown, relative to the project's root ("docs/patterns/dns.md").
  QString currentDoc() const { return doc_; }
  QTextBrowser* browser() const { return browser_; }

 private:
  bool showDoc(const QString& doc);
  void followLink(const QUrl& link);

  QComboBox* picker_;
  QTextBrowser* browser_;
  QString doc_;
  QString lesson_doc_;  // the lesson the picker's first entry stands for, if any
};

}  // namespace discolab::gui

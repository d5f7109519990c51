#include "gui/widgets/explanation_dock.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFile>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "gui/models/project_docs.h"

namespace discolab::gui {
namespace {

const QString kResourceRoot = QStringLiteral("/discolab/");

}  // namespace

ExplanationDock::ExplanationDock(QWidget* parent)
    : QDockWidget(tr("Explain"), parent),
      picker_(new QComboBox(this)),
      browser_(new QTextBrowser(this)) {
  setObjectName(QStringLiteral("explain"));
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(4, 4, 4, 4);
  for (const QString& p : explained_patterns()) picker_->addItem(p, pattern_doc(p));
  picker_->setToolTip(tr("The pattern to explain (also: click a pattern's check box)"));
  browser_->setOpenLinks(false);
  layout->addWidget(picker_);
  layout->addWidget(browser_, 1);
  setWidget(page);
  connect(picker_, &QComboBox::activated, this,
          [this](int i) { showDoc(picker_->itemData(i).toString()); });
  connect(browser_, &QTextBrowser::anchorClicked, this, &ExplanationDock::followLink);
}

bool ExplanationDock::showPattern(const QString& pattern) {
  const int at = picker_->findText(pattern);
  if (at < 0) return false;
  picker_->setCurrentIndex(at);
  return showDoc(pattern_doc(pattern));
}

bool ExplanationDock::showLesson(const QString& title, const QString& doc) {
  const QString entry = tr("Lesson: %1").arg(title);
  if (!lesson_doc_.isEmpty()) picker_->removeItem(0);
  picker_->insertItem(0, entry, doc);
  lesson_doc_ = doc;
  picker_->setCurrentIndex(0);
  return showDoc(doc);
}

bool ExplanationDock::showDoc(const QString& doc) {
  if (!QFile::exists(project_doc_path(doc))) {
    browser_->setPlainText(tr("%1 is not among the docs this program was built with.").arg(doc));
    doc_.clear();
    return false;
  }
  doc_ = doc;
  browser_->setSource(project_doc_url(doc), QTextDocument::MarkdownResource);
  browser_->verticalScrollBar()->setValue(0);
  const int at = picker_->findData(doc);
  if (at >= 0) {
    const QSignalBlocker block(picker_);
    picker_->setCurrentIndex(at);
  }
  return true;
}

void ExplanationDock::followLink(const QUrl& link) {
  const QUrl url = browser_->source().resolved(link);
  if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) {
    QDesktopServices::openUrl(url);
    return;
  }
  if (url.scheme() != QLatin1String("qrc") || !url.path().startsWith(kResourceRoot)) return;
  if (url.path() == browser_->source().path()) {
    if (url.hasFragment()) browser_->scrollToAnchor(url.fragment());
    return;
  }
  if (url.path().endsWith(QLatin1String(".md")) && showDoc(url.path().mid(kResourceRoot.size())) &&
      url.hasFragment())
    browser_->scrollToAnchor(url.fragment());
}

}  // namespace discolab::gui

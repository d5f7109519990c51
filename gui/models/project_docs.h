// The project's documentation as the GUI shows it: docs/*.md, docs/patterns/, docs/lessons/
// and docs/building-blocks/ are compiled into the program as Qt resources at build time
// (gui/models/CMakeLists.txt), so an installed discolab-gui explains the patterns without a
// source tree, and always the docs of the version it was built from. Links between the docs
// resolve inside the resources.
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace discolab::gui {

// The resource path of a doc named relative to the project's root ("docs/patterns/dns.md"):
// ":/discolab/docs/patterns/dns.md".
QString project_doc_path(const QString& relative);
// The same as a qrc: URL, for QTextBrowser::setSource.
QUrl project_doc_url(const QString& relative);
// The doc's text (UTF-8), or an empty string when it was not compiled in.
QString project_doc(const QString& relative);

// The five patterns the explanation panel offers, in the order the docs present them, as
// `--pattern` names ("client-side", …), and each one's doc ("docs/patterns/dns.md").
QStringList explained_patterns();
QString pattern_doc(const QString& pattern);

}  // namespace discolab::gui

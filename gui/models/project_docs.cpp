#include "gui/models/project_docs.h"

#include <QFile>

namespace discolab::gui {

QString project_doc_path(const QString& relative) {
  return QStringLiteral(":/discolab/") + relative;
}

QUrl project_doc_url(const QString& relative) {
  return QUrl(QStringLiteral("qrc:/discolab/") + relative);
}

QString project_doc(const QString& relative) {
  QFile file(project_doc_path(relative));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll());
}

QStringList explained_patterns() {
  return {QStringLiteral("client-side"), QStringLiteral("dns"), QStringLiteral("central-lb"),
          QStringLiteral("per-host-proxy"), QStringLiteral("api-gateway")};
}

QString pattern_doc(const QString& pattern) {
  return QStringLiteral("docs/patterns/") + pattern + QStringLiteral(".md");
}

}  // namespace discolab::gui

// The guided lessons, one row each, read from the lesson index scenarios/lessons/lessons.yaml
// (docs/gui.md, "Lessons"). A lesson is a scenario to open, the patterns to compare on it, a
// text (docs/lessons/<id>.md, compiled in: project_docs.h), the parameter to move (a --set
// path the parameter panel shows), the chart to watch (a figure key of a timeline chart) and
// a question to answer.
//
// The index sits with the scenarios because the lessons' scenarios are part of the scenario
// library, found at run time like it (--scenarios); their texts are docs, compiled in.
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <vector>

namespace discolab::gui {

struct Lesson {
  QString id;           // "dns-slow-to-adapt"
  QString title;        // "Why DNS is slow to adapt"
  QString pattern;      // the pattern it explains ("dns")
  QStringList compare;  // the patterns to check ("client-side", "central-lb")
  QString scenario;     // absolute path of the scenario file
  QString doc;          // relative to the project's root ("docs/lessons/dns-slow-to-adapt.md")
  QString parameter;    // --set path ("patterns.dns.dns.server.ttl")
  QString chart;        // figure key of the chart to watch ("stale_route_rate")
  QString question;
};

class LessonCatalog : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role {
    IdRole = Qt::UserRole + 1,
    PatternRole,
    CompareRole,  // QStringList
    ScenarioRole,
    DocRole,
    ParameterRole,
    ChartRole,
    QuestionRole,
  };

  explicit LessonCatalog(QObject* parent = nullptr);

  // Reads a lesson index; false (and `error`, with the file and the entry) when it cannot be
  // read or an entry lacks a key. The catalog is empty then.
  bool load(const QString& indexPath, QString* error = nullptr);
  // The index of a scenario library, `<scenarios>/lessons/lessons.yaml`.
  static QString indexPath(const QString& scenariosDir);

  const Lesson& lesson(int row) const { return lessons_.at(static_cast<std::size_t>(row)); }
  // The row of a lesson id, or -1.
  int rowOf(const QString& id) const;
  // The lesson's text (Markdown), from the compiled-in docs; empty when missing.
  QString docText(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

 private:
  std::vector<Lesson> lessons_;
};

}  // namespace discolab::gui

#include "gui/models/lesson_catalog.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFileInfo>

#include "gui/models/project_docs.h"

namespace discolab::gui {
namespace {

const char* const kKeys[] = {"id",  "title",     "pattern", "compare", "scenario",
                             "doc", "parameter", "chart",   "question"};

QString text_at(const YAML::Node& entry, const char* key) {
  return QString::fromStdString(entry[key].as<std::string>());
}

}  // namespace

LessonCatalog::LessonCatalog(QObject* parent) : QAbstractListModel(parent) {}

QString LessonCatalog::indexPath(const QString& scenariosDir) {
  return QDir(scenariosDir).filePath(QStringLiteral("lessons/lessons.yaml"));
}

bool LessonCatalog::load(const QString& indexPath, QString* error) {
  std::vector<Lesson> read;
  auto fail = [&](const QString& why) {
    if (error != nullptr) *error = indexPath + QStringLiteral(": ") + why;
    beginResetModel();
    lessons_.clear();
    endResetModel();
    return false;
  };
  const QDir folder = QFileInfo(indexPath).absoluteDir();
  try {
    const YAML::Node root = YAML::LoadFile(indexPath.toStdString());
    const YAML::Node list = root["lessons"];
    if (!list.IsSequence()) return fail(QStringLiteral("no \"lessons\" list"));
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node entry = list[i];
      for (const char* key : kKeys)
        if (!entry[key]) return fail(QStringLiteral("lessons[%1]: missing \"%2\"").arg(i).arg(key));
      Lesson l;
      l.id = text_at(entry, "id");
      l.title = text_at(entry, "title");
      l.pattern = text_at(entry, "pattern");
      for (const YAML::Node& p : entry["compare"])
        l.compare.append(QString::fromStdString(p.as<std::string>()));
      l.scenario = folder.absoluteFilePath(text_at(entry, "scenario"));
      l.doc = text_at(entry, "doc");
      l.parameter = text_at(entry, "parameter");
      l.chart = text_at(entry, "chart");
      l.question = text_at(entry, "question");
      read.push_back(std::move(l));
    }
  } catch (const YAML::Exception& e) {
    return fail(QString::fromStdString(e.what()));
  }
  beginResetModel();
  lessons_ = std::move(read);
  endResetModel();
  return true;
}

int LessonCatalog::rowOf(const QString& id) const {
  for (std::size_t i = 0; i < lessons_.size(); ++i)
    if (lessons_[i].id == id) return static_cast<int>(i);
  return -1;
}

QString LessonCatalog::docText(int row) const { return project_doc(lesson(row).doc); }

int LessonCatalog::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(lessons_.size());
}

QVariant LessonCatalog::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const Lesson& l = lesson(index.row());
  switch (role) {
    case Qt::DisplayRole:
      return l.title;
    case Qt::ToolTipRole:
      return l.question;
    case IdRole:
      return l.id;
    case PatternRole:
      return l.pattern;
    case CompareRole:
      return l.compare;
    case ScenarioRole:
      return l.scenario;
    case DocRole:
      return l.doc;
    case ParameterRole:
      return l.parameter;
    case ChartRole:
      return l.chart;
    case QuestionRole:
      return l.question;
    default:
      return {};
  }
}

QHash<int, QByteArray> LessonCatalog::roleNames() const {
  QHash<int, QByteArray> names = QAbstractListModel::roleNames();
  names.insert(IdRole, "id");
  names.insert(PatternRole, "pattern");
  names.insert(CompareRole, "compare");
  names.insert(ScenarioRole, "scenario");
  names.insert(DocRole, "doc");
  names.insert(ParameterRole, "parameter");
  names.insert(ChartRole, "chart");
  names.insert(QuestionRole, "question");
  return names;
}

}  // namespace discolab::gui

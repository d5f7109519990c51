#include "gui/models/lesson_catalog.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

#include "gui/models/project_docs.h"
#include "gui/models/scenario_model.h"
#include "sim/scenario/scenario_loader.h"
#include "tests/gui/model_tester.h"

using namespace discolab::gui;
using discolab::gui::testing::ModelCheck;

namespace {

const QString kScenarios = QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios");

// Text with its line breaks and runs of spaces made single spaces, as Markdown reads it.
QString flat(const QString& text) { return text.simplified(); }

QString source_file(const QString& relative) {
  QFile file(QStringLiteral(DISCOLAB_SOURCE_DIR "/") + relative);
  REQUIRE(file.open(QIODevice::ReadOnly));
  return QString::fromUtf8(file.readAll());
}

// The library's lessons; the test stops when the index does not load.
std::vector<Lesson> library_lessons() {
  LessonCatalog catalog;
  REQUIRE(catalog.load(LessonCatalog::indexPath(kScenarios)));
  std::vector<Lesson> out;
  for (int row = 0; row < catalog.rowCount(); ++row) out.push_back(catalog.lesson(row));
  return out;
}

}  // namespace

TEST_CASE("the lesson catalog reads every lesson of the library, one per pattern") {
  LessonCatalog catalog;
  ModelCheck check(&catalog);
  QString error;
  REQUIRE(catalog.load(LessonCatalog::indexPath(kScenarios), &error));
  INFO(error.toStdString());
  REQUIRE(catalog.rowCount() >= 5);
  QStringList patterns;
  for (int row = 0; row < catalog.rowCount(); ++row) {
    const QModelIndex index = catalog.index(row);
    patterns.append(catalog.data(index, LessonCatalog::PatternRole).toString());
    CHECK(catalog.data(index).toString() == catalog.lesson(row).title);
    CHECK(catalog.rowOf(catalog.lesson(row).id) == row);
  }
  for (const QString& p : explained_patterns()) CHECK(patterns.contains(p));
  CHECK(catalog.data(catalog.index(0), LessonCatalog::CompareRole).toStringList() ==
        QStringList{"dns"});
  CHECK(catalog.rowOf("no-such-lesson") == -1);
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("every lesson's scenario validates and offers the parameter to move") {
  for (const Lesson& lesson : library_lessons()) {
    INFO(lesson.id.toStdString() << ": " << lesson.scenario.toStdString());
    REQUIRE(QFile::exists(lesson.scenario));
    CHECK_NOTHROW(discolab::load_scenario(lesson.scenario.toStdString()));
    ScenarioModel model;
    REQUIRE(model.loadFile(lesson.scenario));
    CHECK(model.isValid());
    CHECK(model.rowOfKey(lesson.parameter) >= 0);  // the parameter panel shows it
    CHECK(model.scenarioName() == lesson.id);
    CHECK_FALSE(lesson.compare.isEmpty());
    for (const QString& p : lesson.compare) CHECK(explained_patterns().contains(p));
  }
}

TEST_CASE("every lesson's text is compiled in and names its parameter, chart and question") {
  LessonCatalog catalog;
  REQUIRE(catalog.load(LessonCatalog::indexPath(kScenarios)));
  for (int row = 0; row < catalog.rowCount(); ++row) {
    const Lesson& lesson = catalog.lesson(row);
    INFO(lesson.id.toStdString() << ": " << lesson.doc.toStdString());
    const QString text = catalog.docText(row);
    CHECK(text.size() == project_doc(lesson.doc).size());
    REQUIRE_FALSE(text.isEmpty());
    const bool as_in_source = text == source_file(lesson.doc);  // not an older build's copy
    CHECK(as_in_source);
    CHECK(text.contains(lesson.parameter));
    CHECK(text.contains(lesson.chart));
    CHECK(flat(text).contains(flat(lesson.question)));
    for (const char* section : {"## What to look at", "## The parameter to move",
                                "## The chart to watch", "## The question"})
      CHECK(text.contains(QLatin1String(section)));
  }
}

TEST_CASE("every pattern's doc explains how it works, who uses it and its trade-offs") {
  for (const QString& pattern : explained_patterns()) {
    INFO(pattern.toStdString());
    const QString text = project_doc(pattern_doc(pattern));
    REQUIRE_FALSE(text.isEmpty());
    const bool as_in_source = text == source_file(pattern_doc(pattern));
    CHECK(as_in_source);
    for (const char* section :
         {"\n## How it works\n", "\n## Real systems that use it\n", "\n## Trade-offs\n"})
      CHECK(text.contains(QLatin1String(section)));
  }
  CHECK(project_doc("docs/patterns/no-such-pattern.md").isEmpty());
}

TEST_CASE("a lesson index with an entry lacking a key is refused, and says which") {
  QTemporaryDir dir;
  QFile index(dir.filePath("lessons.yaml"));
  REQUIRE(index.open(QIODevice::WriteOnly));
  index.write("lessons:\n  - id: x\n    title: X\n");
  index.close();
  LessonCatalog catalog;
  ModelCheck check(&catalog);
  QString error;
  CHECK_FALSE(catalog.load(index.fileName(), &error));
  CHECK(error.contains("lessons[0]: missing \"pattern\""));
  CHECK(catalog.rowCount() == 0);
  CHECK_FALSE(catalog.load(dir.filePath("missing.yaml"), &error));
  CHECK(error.contains("missing.yaml"));
  CHECK(ModelCheck::failures().isEmpty());
}

// RunController against the real discolab binary, on quickstart cut to a minute.
#include "gui/models/run_controller.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

#include "gui/models/results_reader.h"
#include "gui/models/summary_model.h"
#include "gui/models/time_series_model.h"
#include "gui/models/yaml_edit.h"

using discolab::gui::RunController;
using discolab::gui::RunRequest;
using Outcome = discolab::gui::RunController::Outcome;

namespace {

QString quickstart(const char* duration) {
  QFile file(QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios/quickstart.yaml"));
  REQUIRE(file.open(QIODevice::ReadOnly));
  return QString::fromStdString(
      discolab::gui::set_yaml_value(file.readAll().toStdString(), "duration", duration));
}

RunRequest request(const QTemporaryDir& root, const char* duration, QStringList patterns) {
  RunRequest r;
  r.program = RunController::findDiscolab(QStringLiteral(DISCOLAB_BINARY));
  r.scenarioText = quickstart(duration);
  r.scenarioSource = QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios/quickstart.yaml");
  r.patterns = std::move(patterns);
  r.resultsRoot = root.path();
  return r;
}

// Every entry below `dir`, relative, sorted.
QStringList tree(const QString& dir) {
  QStringList out;
  QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) out.append(QDir(dir).relativeFilePath(it.next()));
  out.sort();
  return out;
}

// Appends the error of every run that finishes to `errors`, checking that it failed.
void collect_failures(RunController& controller, QStringList& errors) {
  QObject::connect(&controller, &RunController::runFinished,
                   [&errors](const QString&, quint64, bool ok, const QString& error) {
                     CHECK_FALSE(ok);
                     errors.append(error);
                   });
}

}  // namespace

TEST_CASE("a comparison runs as discolab children and leaves a compare folder") {
  QTemporaryDir root;
  RunController controller;
  QSignalSpy finished(&controller, &RunController::finished);
  QMap<QString, int> intervals;
  QObject::connect(&controller, &RunController::intervalReceived,
                   [&](const QString& pattern, quint64 seed, const QVariantMap& figures) {
                     CHECK(seed == 1);
                     CHECK(figures.contains("latency_p99_ms"));
                     ++intervals[pattern];
                   });
  QMap<QString, int> group_rows, churn;
  QObject::connect(&controller, &RunController::clientIntervalReceived,
                   [&](const QString& pattern, quint64, const QString& client,
                       const QString& service, const QVariantMap& figures) {
                     CHECK(figures.contains("t_s"));
                     CHECK(figures.contains("failed_timeout_per_s"));
                     if (client == "users" && service == "web") ++group_rows[pattern];
                   });
  QObject::connect(
      &controller, &RunController::churnReceived,
      [&](const QString& pattern, quint64, const discolab::gui::ChurnEvent&) { ++churn[pattern]; });
  int comparisons = 0;
  QObject::connect(&controller, &RunController::comparisonUpdated, [&](const QByteArray& csv) {
    discolab::gui::SummaryModel m;
    CHECK(m.loadCsv(csv));
    ++comparisons;
  });
  QString error;
  REQUIRE(controller.start(request(root, "60s", {"client-side", "dns"}), &error));
  CHECK(controller.isRunning());
  CHECK(controller.total() == 2);
  REQUIRE(finished.wait(120000));
  const auto args = finished.takeFirst();
  INFO(args.at(2).toString().toStdString());
  REQUIRE(args.at(0).value<Outcome>() == Outcome::Completed);
  const QString folder = args.at(1).toString();
  CHECK(folder == root.path() + "/quickstart/compare-fast-1seeds");
  CHECK(intervals.value("client-side") == 60);  // metrics.interval 1s over 60 s
  CHECK(intervals.value("dns") == 60);
  CHECK(group_rows.value("dns") == 60);  // one users → web row per interval
  CHECK(comparisons == 2);
  CHECK(controller.fraction() == 1.0);
  const QStringList files = tree(folder);
  for (const char* f : {"comparison.csv", "compare.json", "scenario.yaml",
                        "runs/client-side-seed1/summary.json", "runs/dns-seed1/timeseries.csv"})
    CHECK(files.contains(f));
  for (const QString& f : tree(root.path())) CHECK_FALSE(f.contains(".partial"));

  // The folder opens like any compare folder.
  discolab::gui::TimeSeriesModel series;
  discolab::gui::SummaryModel summary;
  discolab::gui::ResultsContents contents;
  REQUIRE(discolab::gui::load_results_folder(folder, series, summary, &contents, &error));
  CHECK(contents.kind == discolab::gui::ResultsContents::Kind::compare);
  CHECK(contents.scenario == "quickstart");
  CHECK(contents.patterns == QStringList{"client-side", "dns"});
  CHECK(contents.runs == 2);
  CHECK(series.points("dns", series.column("completed_per_s")).size() == 60);
  // The client groups and the disruptions come back from the files as they were streamed.
  CHECK(series.slices().contains("users → web"));
  CHECK(series.points("dns", series.column("latency_p99_ms"), "users → web").size() > 50);
  int marks = 0;
  for (const auto& m : series.churn()) marks += static_cast<int>(m.patterns.size());
  CHECK(marks == churn.value("dns") + churn.value("client-side"));
  CHECK(summary.patterns() == QStringList{"client-side", "dns"});
  CHECK(summary.value("dns", "requests.failure_rate").has_value());

  // A run folder inside it opens too, as one pattern with n = 1.
  REQUIRE(discolab::gui::load_results_folder(folder + "/runs/dns-seed1", series, summary, &contents,
                                             &error));
  CHECK(contents.kind == discolab::gui::ResultsContents::Kind::run);
  CHECK(contents.patterns == QStringList{"dns"});
  CHECK(summary.value("dns", "requests.failure_rate")->n == 1);
}

TEST_CASE("cancel stops the children and leaves no folder") {
  QTemporaryDir root;
  RunController controller;
  controller.setKillAfterMs(3000);
  QSignalSpy finished(&controller, &RunController::finished);
  QSignalSpy intervals(&controller, &RunController::intervalReceived);
  QString error;
  RunRequest r = request(root, "30m", {"client-side", "central-lb", "dns"});
  r.parallel = 2;
  REQUIRE(controller.start(r, &error));
  REQUIRE(intervals.wait(60000));  // the children are streaming
  controller.cancel();
  REQUIRE(finished.wait(20000));
  CHECK(finished.first().at(0).value<Outcome>() == Outcome::Canceled);
  CHECK_FALSE(controller.isRunning());
  CHECK(tree(root.path()) == QStringList{"quickstart"});  // only the scenario's parent folder
}

TEST_CASE("failing children are reported with their error and no folder is kept") {
  QTemporaryDir root;
  RunController controller;
  QSignalSpy finished(&controller, &RunController::finished);
  QStringList errors;
  collect_failures(controller, errors);
  QString error;
  RunRequest r = request(root, "60s", {"dns"});
  r.childFlags = {"--no-such-flag"};
  REQUIRE(controller.start(r, &error));
  REQUIRE(finished.wait(30000));
  CHECK(finished.first().at(0).value<Outcome>() == Outcome::Failed);
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().contains("--no-such-flag"));
  CHECK(finished.first().at(2).toString().contains("--no-such-flag"));
  CHECK(tree(root.path()) == QStringList{"quickstart"});
}

TEST_CASE("a child speaking another protocol version fails with that error, unread") {
  QTemporaryDir root;
  // A stand-in for a discolab of another protocol: its start line says so, then it would
  // stream on (and say done) if it were not stopped.
  const QString fake = root.filePath("discolab-v2");
  QFile script(fake);
  REQUIRE(script.open(QIODevice::WriteOnly));
  script.write(R"(#!/bin/sh
echo '{"type":"start","protocol":2,"version":"9"}'
echo '{"type":"interval","protocol":2,"t_s":1}'
sleep 20
echo '{"type":"done","protocol":2,"summary":{}}'
)");
  script.close();
  REQUIRE(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
  RunController controller;
  QSignalSpy finished(&controller, &RunController::finished);
  QSignalSpy intervals(&controller, &RunController::intervalReceived);
  QStringList errors;
  collect_failures(controller, errors);
  QString error;
  RunRequest r = request(root, "60s", {"dns"});
  r.program = fake;
  REQUIRE(controller.start(r, &error));
  REQUIRE(finished.wait(15000));  // stopped at once, not after its 20 s
  CHECK(finished.first().at(0).value<Outcome>() == Outcome::Failed);
  CHECK(intervals.isEmpty());
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().contains("protocol 2"));
  CHECK(errors.front().contains("reads protocol 1"));
}

TEST_CASE("a bad request is refused before anything starts") {
  QTemporaryDir root;
  RunController controller;
  QString error;
  RunRequest r = request(root, "60s", {});
  CHECK_FALSE(controller.start(r, &error));
  CHECK(error.contains("pattern"));
  r.patterns = {"dns"};
  r.scenarioText.replace("replicas: 12", "replicas: many");
  CHECK_FALSE(controller.start(r, &error));
  CHECK(error.contains("quickstart.yaml:"));
  CHECK(error.contains("services[0].replicas"));
  r = request(root, "60s", {"dns"});
  r.program = "/nonexistent/discolab";
  CHECK_FALSE(controller.start(r, &error));
  CHECK(error.contains("discolab"));
  CHECK_FALSE(controller.isRunning());
  CHECK(tree(root.path()).isEmpty());
}

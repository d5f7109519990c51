#include "gui/models/run_controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <filesystem>
#include <fstream>

#include "gui/models/stream_message.h"
#include "gui/models/time_series_model.h"
#include "sim/compare/compare_run.h"
#include "sim/compare/comparison.h"
#include "sim/run/results_folder.h"
#include "sim/scenario/resolved_writer.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/version.h"

namespace discolab::gui {
namespace {

namespace fs = std::filesystem;

constexpr qsizetype kStderrTail = 4096;

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

QString last_line(QByteArray text) {
  const QList<QByteArray> lines = text.trimmed().split('\n');
  return lines.isEmpty() ? QString() : QString::fromUtf8(lines.back()).trimmed();
}

}  // namespace

RunController::RunController(QObject* parent) : QObject(parent) {}

RunController::~RunController() {
  for (Job& job : jobs_) {
    if (job.process == nullptr) continue;
    job.process->disconnect(this);
    job.process->kill();
    job.process->waitForFinished(2000);
  }
  // ~ResultsFolder removes the partial folder when the run did not complete.
}

QString RunController::findDiscolab(const QString& explicitPath) {
  if (!explicitPath.isEmpty())
    return QFileInfo(explicitPath).isExecutable() ? explicitPath : QString();
  const QString env = qEnvironmentVariable("DISCOLAB_BINARY");
  if (!env.isEmpty() && QFileInfo(env).isExecutable()) return env;
  const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/discolab");
  if (QFileInfo(beside).isExecutable()) return beside;
  return QStandardPaths::findExecutable(QStringLiteral("discolab"));
}

double RunController::fraction() const {
  if (jobs_.empty()) return 0.0;
  double sum = 0.0;
  for (const Job& job : jobs_) sum += job.fraction;
  return sum / static_cast<double>(jobs_.size());
}

bool RunController::start(const RunRequest& request, QString* error) {
  auto fail = [&](const QString& message) {
    if (error != nullptr) *error = message;
    return false;
  };
  if (running_) return fail(tr("a run is going already"));
  if (request.patterns.isEmpty()) return fail(tr("no pattern chosen"));
  if (request.seeds < 1) return fail(tr("at least one seed is needed"));
  if (request.program.isEmpty() || !QFileInfo(request.program).isExecutable())
    return fail(tr("the discolab program was not found (set DISCOLAB_BINARY or --discolab)"));
  Scenario scenario;
  try {
    scenario =
        parse_scenario(request.scenarioText.toStdString(), request.scenarioSource.toStdString());
  } catch (const ScenarioError& e) {
    return fail(QString::fromUtf8(e.what()));
  }
  engine_ = request.engine.isEmpty() ? QString::fromStdString(scenario.engine) : request.engine;
  firstSeed_ = request.firstSeed.value_or(scenario.seed);
  seeds_ = request.seeds;
  const fs::path target =
      request.out.isEmpty()
          ? compare::default_compare_dir(request.resultsRoot.toStdString(), scenario.name,
                                         engine_.toStdString(), request.seeds)
          : fs::path(request.out.toStdString());
  try {
    auto folder = std::make_unique<ResultsFolder>(fs::absolute(target), false);
    fs::create_directories(folder->staging() / "runs");
    write_text(folder->staging() / "scenario.yaml",
               to_resolved_yaml(scenario, RunStamp::of(scenario, kVersion)));
    folder_ = std::move(folder);
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what()));
  }

  std::vector<std::string> patterns;
  for (const QString& p : request.patterns) patterns.push_back(p.toStdString());
  comparison_ = std::make_unique<compare::Comparison>(patterns);
  jobs_.clear();
  const QString staging = QString::fromStdString(folder_->staging().string());
  // Seeds outer, patterns inner: the first results to arrive cover every pattern.
  for (int k = 0; k < request.seeds; ++k) {
    const quint64 seed = firstSeed_ + static_cast<quint64>(k);
    for (const QString& pattern : request.patterns) {
      Job job;
      job.pattern = pattern;
      job.seed = seed;
      job.folder = QStringLiteral("runs/%1-seed%2").arg(pattern).arg(seed);
      job.arguments = {QStringLiteral("run"),
                       staging + QStringLiteral("/scenario.yaml"),
                       QStringLiteral("--pattern"),
                       pattern,
                       QStringLiteral("--seed"),
                       QString::number(seed),
                       QStringLiteral("--engine"),
                       engine_,
                       QStringLiteral("--progress"),
                       QStringLiteral("jsonl"),
                       QStringLiteral("--quiet"),
                       QStringLiteral("--out"),
                       staging + QLatin1Char('/') + job.folder};
      job.arguments += request.childFlags;
      jobs_.push_back(std::move(job));
    }
  }
  target_ = QString::fromStdString(folder_->target().string());
  scenarioName_ = QString::fromStdString(scenario.name);
  scenarioSource_ = request.scenarioSource;
  program_ = request.program;
  parallel_ = std::max(1, request.parallel);
  running_count_ = done_ = failed_ = 0;
  next_ = 0;
  running_ = true;
  canceling_ = false;
  launchMore();
  return true;
}

void RunController::launchMore() {
  while (!canceling_ && next_ < jobs_.size() && running_count_ < parallel_) launch(next_++);
}

void RunController::launch(std::size_t j) {
  Job& job = jobs_[j];
  auto* process = new QProcess(this);
  job.process = process;
  ++running_count_;
  connect(process, &QProcess::readyReadStandardOutput, this, [this, j] { readLines(j, false); });
  connect(process, &QProcess::readyReadStandardError, this, [this, j] {
    Job& jb = jobs_[j];
    jb.stderrTail += jb.process->readAllStandardError();
    if (jb.stderrTail.size() > kStderrTail) jb.stderrTail = jb.stderrTail.right(kStderrTail);
  });
  connect(process, &QProcess::finished, this, [this, j](int code, QProcess::ExitStatus status) {
    jobExited(j, code, status == QProcess::CrashExit, {});
  });
  connect(process, &QProcess::errorOccurred, this, [this, j](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart)
      jobExited(j, -1, false,
                tr("could not start %1: %2").arg(program_, jobs_[j].process->errorString()));
  });
  process->start(program_, job.arguments);
  emit runStarted(job.pattern, job.seed);
}

void RunController::readLines(std::size_t j, bool atExit) {
  QProcess* process = jobs_[j].process;
  if (process == nullptr) return;
  while (process->canReadLine()) handleLine(j, process->readLine());
  if (atExit) {
    const QByteArray rest = process->readAllStandardOutput();
    if (!rest.isEmpty()) handleLine(j, rest);
  }
}

void RunController::handleLine(std::size_t j, const QByteArray& line) {
  Job& job = jobs_[j];
  if (job.refused) return;
  StreamMessage m =
      parse_stream_line(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
  switch (m.type) {
    case StreamMessage::Type::incompatible:
      // Reading on would misread it: stop the child; it fails with this error.
      job.refused = true;
      job.sawDone = false;
      job.error = m.problem;
      if (job.process != nullptr) job.process->terminate();
      break;
    case StreamMessage::Type::interval:
      emit intervalReceived(job.pattern, job.seed, m.figures);
      for (const ClientFigures& g : m.groups) {
        QVariantMap figures = g.figures;
        figures.insert(QStringLiteral("t_s"), m.figures.value(QStringLiteral("t_s")));
        emit clientIntervalReceived(job.pattern, job.seed, g.client, g.service, figures);
      }
      break;
    case StreamMessage::Type::churn:
      emit churnReceived(job.pattern, job.seed, m.churn);
      break;
    case StreamMessage::Type::progress:
      job.fraction = m.fraction;
      emit progressChanged(fraction());
      break;
    case StreamMessage::Type::done:
      job.sawDone = true;
      job.summary = std::move(m.summary);
      break;
    case StreamMessage::Type::error:
      job.error = m.message;
      break;
    case StreamMessage::Type::start:
    case StreamMessage::Type::unknown:
      break;
  }
}

void RunController::jobExited(std::size_t j, int exitCode, bool crashed, const QString& why) {
  Job& job = jobs_[j];
  if (job.finished) return;
  job.finished = true;
  if (why.isEmpty()) readLines(j, true);
  job.stderrTail += job.process->readAllStandardError();
  job.exitCode = crashed ? -1 : exitCode;  // QProcess does not tell the signal
  job.ok = !crashed && exitCode == 0 && job.sawDone && why.isEmpty() && !job.refused;
  job.fraction = 1.0;
  if (job.ok) {
    comparison_->add(job.pattern.toStdString(), job.seed, job.summary);
    emit comparisonUpdated(QByteArray::fromStdString(compare::comparison_csv(comparison_->rows())));
  } else {
    if (job.error.isEmpty()) job.error = why;
    if (job.error.isEmpty()) job.error = last_line(job.stderrTail);
    if (job.error.isEmpty())
      job.error = crashed ? tr("killed by a signal") : tr("exited with code %1").arg(exitCode);
    ++failed_;
  }
  ++done_;
  --running_count_;
  job.process->deleteLater();
  job.process = nullptr;
  emit runFinished(job.pattern, job.seed, job.ok, job.ok ? QString() : job.error);
  emit progressChanged(fraction());
  launchMore();
  if (running_count_ == 0 && (canceling_ || next_ == jobs_.size())) finish();
}

void RunController::cancel() {
  if (!running_ || canceling_) return;
  canceling_ = true;
  for (Job& job : jobs_)
    if (job.process != nullptr) job.process->terminate();
  if (running_count_ == 0) {
    QTimer::singleShot(0, this, [this] { finish(); });
    return;
  }
  if (kill_timer_ == nullptr) {
    kill_timer_ = new QTimer(this);
    kill_timer_->setSingleShot(true);
    connect(kill_timer_, &QTimer::timeout, this, [this] {
      for (Job& job : jobs_)
        if (job.process != nullptr) job.process->kill();
    });
  }
  kill_timer_->start(kill_after_ms_);
}

void RunController::writeCompareFiles() {
  const fs::path staging = folder_->staging();
  compare::write_comparison_csv(staging / "comparison.csv", comparison_->rows());
  nlohmann::json runs = nlohmann::json::array();
  std::vector<std::string> patterns;
  for (const Job& job : jobs_) {
    if (std::find(patterns.begin(), patterns.end(), job.pattern.toStdString()) == patterns.end())
      patterns.push_back(job.pattern.toStdString());
    nlohmann::json r = {{"pattern", job.pattern.toStdString()},
                        {"seed", job.seed},
                        {"folder", job.folder.toStdString()},
                        {"ok", job.ok},
                        {"exit_code", job.exitCode}};
    if (!job.error.isEmpty()) r["error"] = job.error.toStdString();
    runs.push_back(std::move(r));
  }
  const nlohmann::json about = {{"scenario", scenarioName_.toStdString()},
                                {"scenario_file", scenarioSource_.toStdString()},
                                {"patterns", patterns},
                                {"seeds", seeds_},
                                {"first_seed", firstSeed_},
                                {"engine", engine_.toStdString()},
                                {"version", kVersion},
                                {"overrides", nlohmann::json::array()},
                                {"written_by", "discolab-gui"},
                                {"runs", runs}};
  write_text(staging / "compare.json", about.dump(2) + "\n");
}

void RunController::finish() {
  if (!running_) return;
  running_ = false;
  if (kill_timer_ != nullptr) kill_timer_->stop();
  if (canceling_) {
    folder_.reset();  // removes the partial compare folder, whatever the children left in it
    emit finished(Outcome::Canceled, {}, tr("canceled: no results were kept"));
    return;
  }
  if (failed_ == static_cast<int>(jobs_.size())) {
    folder_.reset();
    QString first;
    for (const Job& job : jobs_)
      if (!job.error.isEmpty()) {
        first = QStringLiteral("%1 seed %2: %3").arg(job.pattern).arg(job.seed).arg(job.error);
        break;
      }
    emit finished(Outcome::Failed, {}, tr("every run failed; %1").arg(first));
    return;
  }
  try {
    writeCompareFiles();
    folder_->commit();
  } catch (const std::exception& e) {
    folder_.reset();
    emit finished(Outcome::Failed, {}, QString::fromUtf8(e.what()));
    return;
  }
  folder_.reset();
  if (failed_ > 0) {
    emit finished(
        Outcome::CompletedWithFailures, target_,
        tr("%1 of %2 runs failed; the comparison uses the others").arg(failed_).arg(jobs_.size()));
  } else {
    emit finished(Outcome::Completed, target_, tr("%1 runs done").arg(jobs_.size()));
  }
}

void connect_stream(RunController* controller, TimeSeriesModel* series) {
  QObject::connect(controller, &RunController::intervalReceived, series,
                   &TimeSeriesModel::addInterval);
  QObject::connect(controller, &RunController::clientIntervalReceived, series,
                   &TimeSeriesModel::addClientInterval);
  QObject::connect(controller, &RunController::churnReceived, series,
                   [series](const QString& pattern, quint64, const ChurnEvent& event) {
                     series->addChurn(pattern, event);
                   });
}

}  // namespace discolab::gui

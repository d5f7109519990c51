// Runs a comparison as `discolab run … --progress jsonl` child processes, a few at a time, one
// per pattern × seed (as `discolab compare` does; one simulation per process, since a SimGrid
// engine lives once per process), and follows their JSON-lines streams (stream_message.h).
//
// The folder it writes is a compare folder (docs/compare.md): runs/<pattern>-seed<S>/,
// comparison.csv, compare.json, plus scenario.yaml — the scenario as edited, resolved (every
// key, platform file absolute), which every child runs. Like every results folder it is
// written into "<folder>.partial-<pid>" and renamed into place only when complete.
//
// cancel() sends SIGTERM to every child (each removes its own partial run folder), kills any
// still there after a grace period, then removes the partial compare folder: nothing is left.
// A child that fails or is killed is reported with its error and the others go on; so is a
// child whose stream is of another protocol version (it is stopped, and its lines unread).
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "gui/models/stream_message.h"

class QProcess;
class QTimer;

namespace discolab {
class ResultsFolder;
namespace compare {
class Comparison;
}
}  // namespace discolab

namespace discolab::gui {

struct RunRequest {
  QString program;         // the discolab executable (RunController::findDiscolab)
  QString scenarioText;    // the scenario's YAML, as edited
  QString scenarioSource;  // names it in errors; its folder resolves a relative platform.file
  QStringList patterns;
  int seeds = 1;
  std::optional<quint64> firstSeed;  // default: the scenario's seed
  QString engine;                    // empty: the scenario's
  int parallel = 2;
  QString resultsRoot = QStringLiteral("results");
  QString out;             // empty: <root>/<scenario>/compare-<engine>-<N>seeds[-k]
  QStringList childFlags;  // extra flags for every child (e.g. --yes)
};

class TimeSeriesModel;

class RunController : public QObject {
  Q_OBJECT
 public:
  enum class Outcome { Completed, CompletedWithFailures, Failed, Canceled };
  Q_ENUM(Outcome)

  explicit RunController(QObject* parent = nullptr);
  ~RunController() override;  // kills and reaps running children, removes the partial folder

  // The discolab binary: `explicitPath` when given, else $DISCOLAB_BINARY, else `discolab`
  // next to this program, else on PATH; empty when none is found.
  static QString findDiscolab(const QString& explicitPath = {});

  // Starts the children; false with `error` for a bad request (invalid scenario, no patterns,
  // an existing folder) before anything is started.
  bool start(const RunRequest& request, QString* error);
  void cancel();
  bool isRunning() const { return running_; }
  QString folder() const { return target_; }  // where the results go (or went)
  int total() const { return static_cast<int>(jobs_.size()); }
  int done() const { return done_; }
  int failed() const { return failed_; }
  double fraction() const;
  // The grace period between SIGTERM and SIGKILL on cancel (default 5 s).
  void setKillAfterMs(int ms) { kill_after_ms_ = ms; }

 signals:
  void runStarted(const QString& pattern, quint64 seed);
  void intervalReceived(const QString& pattern, quint64 seed, const QVariantMap& figures);
  // One client group's figures of the same interval (sent right after intervalReceived).
  void clientIntervalReceived(const QString& pattern, quint64 seed, const QString& client,
                              const QString& service, const QVariantMap& figures);
  void churnReceived(const QString& pattern, quint64 seed, const discolab::gui::ChurnEvent& event);
  void progressChanged(double fraction);
  void runFinished(const QString& pattern, quint64 seed, bool ok, const QString& error);
  // comparison.csv text of the runs finished so far, after each successful run.
  void comparisonUpdated(const QByteArray& csv);
  void finished(RunController::Outcome outcome, const QString& folder, const QString& message);

 private:
  struct Job {
    QString pattern;
    quint64 seed = 0;
    QString folder;  // relative to the compare folder
    QStringList arguments;
    QProcess* process = nullptr;
    QByteArray stderrTail;
    double fraction = 0.0;
    bool sawDone = false;
    bool refused = false;  // its stream is another protocol version: nothing more is read
    bool ok = false;
    bool finished = false;
    int exitCode = 0;
    QString error;
    nlohmann::json summary;  // from the done line
  };

  void launchMore();
  void launch(std::size_t job);
  void readLines(std::size_t job, bool atExit);
  void handleLine(std::size_t job, const QByteArray& line);
  void jobExited(std::size_t job, int exitCode, bool crashed, const QString& why);
  void finish();
  void writeCompareFiles();

  std::vector<Job> jobs_;
  std::unique_ptr<ResultsFolder> folder_;
  std::unique_ptr<compare::Comparison> comparison_;
  QString target_, scenarioName_, scenarioSource_, engine_;
  quint64 firstSeed_ = 0;
  int seeds_ = 0, parallel_ = 1, running_count_ = 0, done_ = 0, failed_ = 0;
  int kill_after_ms_ = 5000;
  std::size_t next_ = 0;
  bool running_ = false, canceling_ = false;
  QTimer* kill_timer_ = nullptr;
  QString program_;
};

// Feeds every run's intervals, client groups' intervals and disruptions into `series`.
void connect_stream(RunController* controller, TimeSeriesModel* series);

}  // namespace discolab::gui

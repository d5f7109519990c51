// The cluster view: a finished run replayed on a picture of its cluster (ClusterCanvas) with a
// timeline slider, play/pause and a speed selector. A compare folder's runs
// (runs/<pattern>-seed<S>/) are picked from a list, a caller from another; a run folder shows
// its one run. It reads each run's topology.json and events.csv (ClusterReplayModel).
#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTimer;

namespace discolab::gui {

class ClusterCanvas;
class ClusterReplayModel;

class ClusterView : public QWidget {
  Q_OBJECT
 public:
  explicit ClusterView(QWidget* parent = nullptr);

  // A compare folder (its runs/) or a run folder; false (and the reason shown) when it holds no
  // run with topology.json and events.csv.
  bool setResultsFolder(const QString& folder);
  QStringList runs() const;  // "central-lb-seed1" …, or the run folder's name
  bool selectRun(const QString& run);
  QString run() const;
  void setCaller(int caller);  // by index into the topology's callers

  void setTime(double t);
  double time() const;
  void play();
  void pause();
  bool isPlaying() const;
  // Simulated seconds per wall-clock second.
  void setSpeed(double speed);

  ClusterReplayModel* model() const { return model_; }
  ClusterCanvas* canvas() const { return canvas_; }
  QString message() const;

 private:
  void tick();
  void modelChanged();
  void fillCallers();
  void showTime(double t);

  ClusterReplayModel* model_;
  ClusterCanvas* canvas_;
  QComboBox* run_picker_;
  QComboBox* caller_picker_;
  QPushButton* play_;
  QComboBox* speed_;
  QSlider* slider_;
  QLabel* clock_;
  QLabel* message_;
  QTimer* timer_;
  QString folder_;
  QStringList run_paths_;
  bool caller_picked_ = false;  // the user chose a caller: keep it across runs
};

}  // namespace discolab::gui

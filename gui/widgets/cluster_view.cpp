#include "gui/widgets/cluster_view.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "gui/models/cluster_replay_model.h"
#include "gui/widgets/cluster_canvas.h"

namespace discolab::gui {
namespace {

constexpr int kTickMs = 50;          // the replay's frame interval
constexpr double kSliderStep = 0.1;  // simulated seconds per slider step

bool has_replay(const QString& dir) {
  return QFileInfo::exists(dir + QStringLiteral("/topology.json")) &&
         QFileInfo::exists(dir + QStringLiteral("/events.csv"));
}

}  // namespace

ClusterView::ClusterView(QWidget* parent)
    : QWidget(parent),
      model_(new ClusterReplayModel(this)),
      canvas_(new ClusterCanvas(model_, this)),
      run_picker_(new QComboBox(this)),
      caller_picker_(new QComboBox(this)),
      play_(new QPushButton(tr("Play"), this)),
      speed_(new QComboBox(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      clock_(new QLabel(this)),
      message_(new QLabel(this)),
      timer_(new QTimer(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* pick = new QHBoxLayout();
  pick->addWidget(new QLabel(tr("Run:"), this));
  pick->addWidget(run_picker_, 1);
  pick->addWidget(new QLabel(tr("Path of caller:"), this));
  pick->addWidget(caller_picker_, 1);
  layout->addLayout(pick);
  layout->addWidget(canvas_, 1);
  auto* controls = new QHBoxLayout();
  controls->addWidget(play_);
  for (const double s : {1.0, 5.0, 10.0, 30.0, 60.0}) speed_->addItem(tr("%1×").arg(s), s);
  speed_->setCurrentIndex(2);
  speed_->setToolTip(tr("Simulated seconds replayed per second"));
  controls->addWidget(speed_);
  controls->addWidget(slider_, 1);
  clock_->setMinimumWidth(150);
  controls->addWidget(clock_);
  layout->addLayout(controls);
  layout->addWidget(message_);
  run_picker_->setToolTip(tr("The run replayed: one pattern and seed of the comparison"));
  caller_picker_->setToolTip(tr("The client caller whose discovery path is drawn"));
  timer_->setInterval(kTickMs);

  connect(timer_, &QTimer::timeout, this, &ClusterView::tick);
  connect(play_, &QPushButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
  connect(slider_, &QSlider::valueChanged, this,
          [this](int v) { model_->setTime(v * kSliderStep); });
  connect(run_picker_, &QComboBox::activated, this,
          [this](int i) { selectRun(run_picker_->itemText(i)); });
  connect(caller_picker_, &QComboBox::activated, this, [this](int i) {
    caller_picked_ = true;
    setCaller(i);
  });
  connect(model_, &ClusterReplayModel::timeChanged, this, &ClusterView::showTime);
  connect(model_, &ClusterReplayModel::loaded, this, &ClusterView::modelChanged);
  modelChanged();
}

bool ClusterView::setResultsFolder(const QString& folder) {
  pause();
  folder_ = folder;
  run_paths_.clear();
  const QDir runs_dir(QDir(folder).filePath(QStringLiteral("runs")));
  if (runs_dir.exists()) {
    for (const QString& r : runs_dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
      if (has_replay(runs_dir.filePath(r))) run_paths_.append(runs_dir.filePath(r));
  } else if (has_replay(folder)) {
    run_paths_.append(folder);
  }
  const QString previous = run();
  {
    const QSignalBlocker block(run_picker_);
    run_picker_->clear();
    for (const QString& p : run_paths_) run_picker_->addItem(QFileInfo(p).fileName());
  }
  if (run_paths_.isEmpty()) {
    model_->clear();
    message_->setText(tr("%1 holds no run with topology.json and events.csv to replay (older "
                         "runs did not write topology.json)")
                          .arg(folder));
    return false;
  }
  // Keep the same pattern when a new comparison of it comes in.
  const QString pattern = previous.left(previous.lastIndexOf(QStringLiteral("-seed")));
  for (const QString& r : runs())
    if (!pattern.isEmpty() && r.startsWith(pattern + QStringLiteral("-seed"))) return selectRun(r);
  return selectRun(runs().front());
}

QStringList ClusterView::runs() const {
  QStringList out;
  for (const QString& p : run_paths_) out.append(QFileInfo(p).fileName());
  return out;
}

bool ClusterView::selectRun(const QString& run) {
  const qsizetype at = runs().indexOf(run);
  if (at < 0) return false;
  pause();
  run_picker_->setCurrentIndex(static_cast<int>(at));
  QString error;
  if (!model_->loadFolder(run_paths_[at], &error)) {
    message_->setText(error);
    return false;
  }
  message_->setText(tr("%1: %2 hosts, %3 containers over the run; pattern %4")
                        .arg(run)
                        .arg(model_->topology().hosts.size())
                        .arg(model_->history().containers().size())
                        .arg(model_->topology().pattern));
  return true;
}

QString ClusterView::run() const { return run_picker_->currentText(); }

void ClusterView::setCaller(int caller) {
  canvas_->setCaller(caller);
  if (caller_picker_->currentIndex() != caller) caller_picker_->setCurrentIndex(caller);
}

void ClusterView::setTime(double t) { model_->setTime(t); }
double ClusterView::time() const { return model_->time(); }

void ClusterView::play() {
  if (model_->isEmpty()) return;
  if (model_->time() >= model_->endTime()) model_->setTime(0.0);
  timer_->start();
  play_->setText(tr("Pause"));
}

void ClusterView::pause() {
  timer_->stop();
  play_->setText(tr("Play"));
}

bool ClusterView::isPlaying() const { return timer_->isActive(); }

void ClusterView::setSpeed(double speed) {
  const int at = speed_->findData(speed);
  if (at >= 0) {
    speed_->setCurrentIndex(at);
  } else {
    speed_->addItem(tr("%1×").arg(speed), speed);
    speed_->setCurrentIndex(speed_->count() - 1);
  }
}

QString ClusterView::message() const { return message_->text(); }

void ClusterView::tick() {
  const double step = speed_->currentData().toDouble() * kTickMs / 1000.0;
  const double next = model_->time() + step;
  model_->setTime(next);
  if (next >= model_->endTime()) pause();
}

void ClusterView::modelChanged() {
  slider_->setRange(0, static_cast<int>(std::lround(model_->endTime() / kSliderStep)));
  slider_->setEnabled(!model_->isEmpty());
  play_->setEnabled(!model_->isEmpty());
  fillCallers();
  showTime(model_->time());
}

void ClusterView::showTime(double t) {
  const QSignalBlocker block(slider_);
  slider_->setValue(static_cast<int>(std::lround(t / kSliderStep)));
  clock_->setText(tr("t = %1 s of %2 s").arg(t, 0, 'f', 1).arg(model_->endTime(), 0, 'f', 0));
}

void ClusterView::fillCallers() {
  const QSignalBlocker block(caller_picker_);
  caller_picker_->clear();
  for (const TopologyCaller& c : model_->topology().callers)
    caller_picker_->addItem(QStringLiteral("%1 (%2 → %3)").arg(c.name, c.group, c.target));
  // Until one is picked: the first caller on a host without components, whose path crosses
  // hosts and so shows best.
  const ClusterTopology& topo = model_->topology();
  int keep = std::min(canvas_->caller(), caller_picker_->count() - 1);
  for (std::size_t c = 0; !caller_picked_ && c < topo.callers.size(); ++c) {
    const auto here = [&](const TopologyComponent& k) { return k.host == topo.callers[c].host; };
    if (std::none_of(topo.components.begin(), topo.components.end(), here)) {
      keep = static_cast<int>(c);
      break;
    }
  }
  caller_picker_->setCurrentIndex(std::max(keep, 0));
  canvas_->setCaller(std::max(keep, 0));
}

}  // namespace discolab::gui

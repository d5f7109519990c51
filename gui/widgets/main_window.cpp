#include "gui/widgets/main_window.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "gui/models/results_reader.h"
#include "gui/models/run_controller.h"
#include "gui/models/scenario_model.h"
#include "gui/models/summary_model.h"
#include "gui/models/time_series_model.h"
#include "gui/widgets/cluster_view.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/summary_chart.h"
#include "gui/widgets/time_chart.h"
#include "gui/widgets/timeline_view.h"
#include "gui/widgets/yaml_editor.h"

namespace discolab::gui {
namespace {

const QStringList kPatterns{"client-side", "dns", "central-lb", "per-host-proxy", "api-gateway"};

}  // namespace

QString find_scenarios_dir(const QString& preferred) {
  if (!preferred.isEmpty() && QFileInfo(preferred).isDir()) return preferred;
  QStringList candidates{QDir::current().filePath(QStringLiteral("scenarios"))};
  QDir up(QCoreApplication::applicationDirPath());
  for (int i = 0; i < 3 && up.cdUp(); ++i)
    candidates.append(up.filePath(QStringLiteral("scenarios")));
  for (const QString& c : candidates)
    if (QFileInfo(c).isDir()) return QDir(c).absolutePath();
  return {};
}

QStringList scenario_files(const QString& dir) {
  QStringList out;
  const QDir root(dir);
  for (const QString& f : root.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
    out.append(f);
  // Sweeps and presets are not scenarios: a sweep names one, a preset is applied onto one.
  const QStringList not_scenarios{QStringLiteral("sweeps"), QStringLiteral("presets")};
  for (const QString& sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    if (not_scenarios.contains(sub)) continue;
    for (const QString& f :
         QDir(root.filePath(sub)).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
      if (sub + QLatin1Char('/') + f != QLatin1String("lessons/lessons.yaml"))  // not a scenario
        out.append(sub + QLatin1Char('/') + f);
  }
  return out;
}

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      options_(std::move(options)),
      scenario_(new ScenarioModel(this)),
      series_(new TimeSeriesModel(this)),
      summary_(new SummaryModel(this)),
      controller_(new RunController(this)) {
  setWindowTitle(tr("discolab"));
  options_.scenariosDir = find_scenarios_dir(options_.scenariosDir);
  auto* splitter = new QSplitter(this);
  splitter->addWidget(makeScenarioSide());
  views_ = new QTabWidget(splitter);
  views_->addTab(makeTimeline(), tr("Timeline"));
  views_->addTab(makeSummary(), tr("Summary"));
  cluster_ = new ClusterView(views_);
  views_->addTab(cluster_, tr("Cluster"));
  splitter->addWidget(views_);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({430, 970});
  setCentralWidget(splitter);
  status_ = new QLabel(this);
  statusBar()->addWidget(status_, 1);

  connect(scenario_, &ScenarioModel::issuesChanged, this, &MainWindow::updateButtons);
  connect_stream(controller_, series_);  // intervals, client groups' intervals, churn
  connect(controller_, &RunController::progressChanged, this,
          [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
  connect(controller_, &RunController::comparisonUpdated, this,
          [this](const QByteArray& csv) { summary_->loadCsv(csv); });
  connect(controller_, &RunController::runFinished, this,
          [this](const QString& pattern, quint64 seed, bool ok, const QString& error) {
            setStatus(ok ? tr("%1 seed %2 done (%3 of %4)")
                               .arg(pattern)
                               .arg(seed)
                               .arg(controller_->done())
                               .arg(controller_->total())
                         : tr("%1 seed %2 failed: %3").arg(pattern).arg(seed).arg(error));
          });
  connect(controller_, &RunController::finished, this,
          [this](RunController::Outcome outcome, const QString& folder, const QString& message) {
            updateButtons();
            const bool ok = outcome == RunController::Outcome::Completed ||
                            outcome == RunController::Outcome::CompletedWithFailures;
            if (ok) {
              summary_->loadFile(folder + QStringLiteral("/comparison.csv"));
              cluster_->setResultsFolder(folder);
              setStatus(tr("%1 — results in %2").arg(message, folder));
            } else {
              setStatus(message);
            }
            progress_->setValue(ok ? 1000 : 0);
            emit runFinished(ok);
          });
  fillScenarioPicker();
  makeExplanationAndLessons();
  updateButtons();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::makeScenarioSide() {
  auto* side = new QWidget(this);
  auto* layout = new QVBoxLayout(side);
  auto* pick_row = new QHBoxLayout();
  picker_ = new QComboBox(side);
  picker_->setToolTip(tr("The scenario library (%1)").arg(options_.scenariosDir));
  auto* open = new QToolButton(side);
  open->setText(tr("Open…"));
  open->setToolTip(tr("Open a scenario file or a results folder"));
  pick_row->addWidget(new QLabel(tr("Scenario:"), side));
  pick_row->addWidget(picker_, 1);
  pick_row->addWidget(open);
  layout->addLayout(pick_row);
  connect(open, &QToolButton::clicked, this, &MainWindow::openDialog);
  connect(picker_, &QComboBox::activated, this,
          [this](int i) { openPath(QDir(options_.scenariosDir).filePath(picker_->itemText(i))); });

  scenario_tabs_ = new QTabWidget(side);
  auto* scroll = new QScrollArea(scenario_tabs_);
  parameters_ = new ParameterPanel(scenario_, scroll);
  scroll->setWidget(parameters_);
  scroll->setWidgetResizable(true);
  scenario_tabs_->addTab(scroll, tr("Parameters"));
  yaml_ = new YamlEditor(scenario_, scenario_tabs_);
  scenario_tabs_->addTab(yaml_, tr("YAML"));
  layout->addWidget(scenario_tabs_, 1);

  auto* patterns = new QGroupBox(tr("Patterns to compare"), side);
  auto* grid = new QGridLayout(patterns);
  for (qsizetype i = 0; i < kPatterns.size(); ++i) {
    auto* box = new QCheckBox(kPatterns[i], patterns);
    box->setChecked(true);
    QPalette pal = box->palette();
    pal.setColor(QPalette::WindowText, pattern_color(kPatterns[i]));
    box->setPalette(pal);
    connect(box, &QCheckBox::toggled, this, &MainWindow::updateButtons);
    grid->addWidget(box, static_cast<int>(i / 2), static_cast<int>(i % 2));
    pattern_boxes_.append(box);
  }
  layout->addWidget(patterns);

  auto* run_row = new QHBoxLayout();
  seeds_ = new QSpinBox(side);
  seeds_->setRange(1, 100);
  seeds_->setValue(1);
  seeds_->setPrefix(tr("seeds: "));
  seeds_->setToolTip(tr("Runs per pattern, seeds S, S+1, … (two or more give 95% intervals)"));
  run_ = new QPushButton(tr("Run"), side);
  cancel_ = new QPushButton(tr("Cancel"), side);
  run_row->addWidget(seeds_);
  run_row->addWidget(run_, 1);
  run_row->addWidget(cancel_);
  layout->addLayout(run_row);
  connect(run_, &QPushButton::clicked, this, [this] { startRun(); });
  connect(cancel_, &QPushButton::clicked, this, &MainWindow::cancelRun);
  progress_ = new QProgressBar(side);
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  progress_->setTextVisible(false);
  layout->addWidget(progress_);
  return side;
}

QWidget* MainWindow::makeTimeline() {
  // The Timeline tab: selectors, the charts and their churn markers (timeline_view.h).
  timeline_ = new TimelineView(series_, this);
  charts_ = timeline_->charts();
  return timeline_;
}

QWidget* MainWindow::makeSummary() {
  auto* page = new QSplitter(Qt::Vertical, this);
  summary_chart_ = new SummaryChart(summary_, page);
  auto* table = new QTableView(page);
  table->setModel(summary_);
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->setSortingEnabled(false);
  table->verticalHeader()->hide();
  page->addWidget(summary_chart_);
  page->addWidget(table);
  page->setSizes({520, 260});
  return page;
}

void MainWindow::fillScenarioPicker() {
  picker_->clear();
  if (!options_.scenariosDir.isEmpty()) picker_->addItems(scenario_files(options_.scenariosDir));
}

void MainWindow::openDialog() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open a scenario or a results folder's summary"), options_.scenariosDir,
      tr("Scenarios and results (*.yaml summary.json comparison.csv)"));
  if (path.isEmpty()) return;
  const QFileInfo info(path);
  openPath(info.suffix() == QLatin1String("yaml") ? path : info.absolutePath());
}

bool MainWindow::openPath(const QString& path) {
  const QFileInfo info(path);
  if (info.isDir()) {
    QString error;
    ResultsContents contents;
    if (!load_results_folder(path, *series_, *summary_, &contents, &error)) {
      setStatus(error);
      return false;
    }
    for (QCheckBox* box : pattern_boxes_) box->setChecked(contents.patterns.contains(box->text()));
    cluster_->setResultsFolder(path);
    // The scenario it ran: a GUI comparison keeps scenario.yaml, each run its resolved copy.
    QString scenario_file = QDir(path).filePath(QStringLiteral("scenario.yaml"));
    if (!QFileInfo::exists(scenario_file))
      scenario_file = QDir(path).filePath(QStringLiteral("scenario.resolved.yaml"));
    const QDir runs(QDir(path).filePath(QStringLiteral("runs")));
    for (const QString& run : runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
      if (QFileInfo::exists(scenario_file)) break;
      scenario_file = runs.filePath(run + QStringLiteral("/scenario.resolved.yaml"));
    }
    if (QFileInfo::exists(scenario_file)) scenario_->loadFile(scenario_file);
    picker_->setCurrentIndex(-1);
    setWindowTitle(tr("discolab — %1").arg(QDir(path).dirName()));
    setStatus(tr("%1: %2 run(s) of %3")
                  .arg(path)
                  .arg(contents.runs)
                  .arg(contents.patterns.join(QStringLiteral(", "))));
    updateButtons();
    return true;
  }
  if (!scenario_->loadFile(path)) {
    setStatus(scenario_->issues().isEmpty() ? path : scenario_->issues().front().text);
    return false;
  }
  const QString relative = QDir(options_.scenariosDir).relativeFilePath(info.absoluteFilePath());
  const int at = picker_->findText(relative);
  if (at >= 0) picker_->setCurrentIndex(at);
  setWindowTitle(tr("discolab — %1").arg(info.fileName()));
  setStatus(scenario_->isValid() ? tr("%1 loaded").arg(path) : scenario_->issues().front().text);
  updateButtons();
  return true;
}

bool MainWindow::startRun(QString* error) {
  yaml_->commit();
  RunRequest request;
  request.program = RunController::findDiscolab(options_.discolab);
  request.scenarioText = scenario_->yamlText();
  request.scenarioSource = scenario_->sourcePath();
  request.patterns = checkedPatterns();
  request.seeds = seeds_->value();
  request.resultsRoot = options_.resultsRoot;
  QString why;
  series_->clear();
  summary_->clear();
  for (const QString& p : request.patterns) series_->addPattern(p);
  if (!controller_->start(request, &why)) {
    setStatus(tr("cannot run: %1").arg(why));
    if (error != nullptr) *error = why;
    return false;
  }
  progress_->setValue(0);
  setStatus(tr("running %1 runs into %2").arg(controller_->total()).arg(controller_->folder()));
  updateButtons();
  return true;
}

void MainWindow::cancelRun() {
  controller_->cancel();
  setStatus(tr("canceling…"));
}

void MainWindow::setCheckedPatterns(const QStringList& patterns) {
  for (QCheckBox* box : pattern_boxes_) box->setChecked(patterns.contains(box->text()));
}

QStringList MainWindow::checkedPatterns() const {
  QStringList out;
  for (QCheckBox* box : pattern_boxes_)
    if (box->isChecked()) out.append(box->text());
  return out;
}

void MainWindow::setSeeds(int seeds) { seeds_->setValue(seeds); }

QString MainWindow::statusText() const { return status_->text(); }

void MainWindow::setStatus(const QString& text) { status_->setText(text); }

void MainWindow::updateButtons() {
  const bool running = controller_->isRunning();
  run_->setEnabled(!running && scenario_->isValid() && scenario_->rowCount() > 0 &&
                   !checkedPatterns().isEmpty());
  cancel_->setEnabled(running);
  picker_->setEnabled(!running);
  for (QCheckBox* box : pattern_boxes_) box->setEnabled(!running);
}

}  // namespace discolab::gui

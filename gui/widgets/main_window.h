// The main window: on the left the scenario (picker, generated parameters, YAML with inline
// errors), the patterns to compare, Run and Cancel and the progress; on the right the views —
// the timeline charts (one line per pattern over simulated time), the summary (bars with
// 95% whiskers, and the table of every figure) and the cluster replay (cluster_view.h). A run
// streams into the charts as it goes; a finished run, or any results folder opened, shows from
// its files.
#pragma once

#include <QMainWindow>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace discolab::gui {

class ScenarioModel;
class TimeSeriesModel;
class SummaryModel;
class RunController;
class TimeChart;
class TimelineView;
class SummaryChart;
class YamlEditor;
class ClusterView;
class ParameterPanel;
class ExplanationDock;
class LessonCatalog;

struct MainWindowOptions {
  QString discolab;      // the discolab program (RunController::findDiscolab when empty)
  QString scenariosDir;  // the scenario library; found near the program when empty
  QString resultsRoot = QStringLiteral("results");
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(MainWindowOptions options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // A scenario file or a results folder (run or compare); false with a message in the status.
  bool openPath(const QString& path);
  // Starts a comparison of the checked patterns; false (and the reason) when it cannot.
  bool startRun(QString* error = nullptr);
  void cancelRun();

  void setCheckedPatterns(const QStringList& patterns);
  QStringList checkedPatterns() const;
  void setSeeds(int seeds);

  ScenarioModel* scenarioModel() const { return scenario_; }
  TimeSeriesModel* timeSeriesModel() const { return series_; }
  SummaryModel* summaryModel() const { return summary_; }
  RunController* controller() const { return controller_; }
  QList<TimeChart*> timeCharts() const { return charts_; }
  TimelineView* timeline() const { return timeline_; }
  SummaryChart* summaryChart() const { return summary_chart_; }
  ClusterView* clusterView() const { return cluster_; }
  QTabWidget* views() const { return views_; }
  QTabWidget* scenarioTabs() const { return scenario_tabs_; }
  QString statusText() const;

  // The explanation panel and the guided lessons (main_window_lessons.cpp). A lesson opens
  // its scenario, checks its patterns, shows its text, marks the parameter to move and shows
  // the chart to watch; false (and the reason in the status) when it cannot.
  bool openLesson(const QString& id);
  ExplanationDock* explanation() const { return explain_; }
  LessonCatalog* lessons() const { return lessons_; }
  QMenu* lessonsMenu() const { return lessons_menu_; }
  ParameterPanel* parameterPanel() const { return parameters_; }

 signals:
  void runFinished(bool ok);

 private:
  QWidget* makeScenarioSide();
  QWidget* makeTimeline();
  QWidget* makeSummary();
  void fillScenarioPicker();
  void openDialog();
  void setStatus(const QString& text);
  void updateButtons();
  void makeExplanationAndLessons();
  QString showChart(const QString& figure);

  MainWindowOptions options_;
  ScenarioModel* scenario_;
  TimeSeriesModel* series_;
  SummaryModel* summary_;
  RunController* controller_;
  QComboBox* picker_ = nullptr;
  QTabWidget* scenario_tabs_ = nullptr;
  QTabWidget* views_ = nullptr;
  YamlEditor* yaml_ = nullptr;
  ParameterPanel* parameters_ = nullptr;
  QList<QCheckBox*> pattern_boxes_;
  QSpinBox* seeds_ = nullptr;
  QPushButton* run_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QList<TimeChart*> charts_;
  TimelineView* timeline_ = nullptr;
  SummaryChart* summary_chart_ = nullptr;
  ExplanationDock* explain_ = nullptr;
  LessonCatalog* lessons_ = nullptr;
  QMenu* lessons_menu_ = nullptr;
  ClusterView* cluster_ = nullptr;
};

// The scenario library: `preferred` if it is a folder, else a scenarios/ folder in the working
// directory or up to three levels above the program; empty when none.
QString find_scenarios_dir(const QString& preferred);
// Its scenario files, relative: "quickstart.yaml", "validation/lease-eureka.yaml".
QStringList scenario_files(const QString& dir);

}  // namespace discolab::gui

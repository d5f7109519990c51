// The main window's explanation panel and Lessons menu, apart from main_window.cpp: a dock
// with the chosen pattern's doc (picked in the dock, or by clicking a pattern's check box), and
// a menu with one action per lesson of scenarios/lessons/lessons.yaml.
#include <QAction>
#include <QChart>
#include <QCheckBox>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPen>
#include <QTabWidget>
#include <algorithm>

#include "gui/models/lesson_catalog.h"
#include "gui/widgets/explanation_dock.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/time_chart.h"

namespace discolab::gui {
namespace {

// Shows a hidden dock at 2/7 of the window's width (its own size hint is too narrow to read).
void show_dock(QMainWindow* window, QDockWidget* dock) {
  if (dock->isHidden()) {
    dock->show();
    window->resizeDocks({dock}, {std::max(380, window->width() * 2 / 7)}, Qt::Horizontal);
  }
  dock->raise();
}

}  // namespace

void MainWindow::makeExplanationAndLessons() {
  // Hidden until asked for (View → Explain, F1) or a lesson opens: the charts keep the width.
  explain_ = new ExplanationDock(this);
  addDockWidget(Qt::RightDockWidgetArea, explain_);
  explain_->hide();
  explain_->showPattern(QStringLiteral("client-side"));
  for (QCheckBox* box : pattern_boxes_)
    connect(box, &QCheckBox::clicked, this, [this, box] { explain_->showPattern(box->text()); });

  lessons_ = new LessonCatalog(this);
  lessons_menu_ = menuBar()->addMenu(tr("&Lessons"));
  QString error;
  if (options_.scenariosDir.isEmpty() ||
      !lessons_->load(LessonCatalog::indexPath(options_.scenariosDir), &error)) {
    auto* none = lessons_menu_->addAction(
        error.isEmpty() ? tr("No lessons (no scenario library found)") : error);
    none->setEnabled(false);
  }
  for (int row = 0; row < lessons_->rowCount(); ++row) {
    const Lesson& lesson = lessons_->lesson(row);
    QAction* action = lessons_menu_->addAction(lesson.title);
    action->setData(lesson.id);
    action->setToolTip(lesson.question);
    action->setStatusTip(lesson.question);
    connect(action, &QAction::triggered, this, [this, id = lesson.id] { openLesson(id); });
  }
  QMenu* view = menuBar()->addMenu(tr("&View"));
  auto* toggle = new QAction(tr("&Explain"), this);
  toggle->setCheckable(true);
  toggle->setShortcut(QKeySequence::HelpContents);
  connect(toggle, &QAction::triggered, this, [this](bool on) {
    if (on)
      show_dock(this, explain_);
    else
      explain_->hide();
  });
  connect(explain_, &QDockWidget::visibilityChanged, toggle,
          [this, toggle] { toggle->setChecked(explain_->isVisible()); });
  toggle->setStatusTip(tr("How the pattern last clicked works, who uses it, its trade-offs"));
  view->addAction(toggle);
}

bool MainWindow::openLesson(const QString& id) {
  const int row = lessons_->rowOf(id);
  if (row < 0) {
    setStatus(tr("no lesson %1").arg(id));
    return false;
  }
  const Lesson& lesson = lessons_->lesson(row);
  if (!openPath(lesson.scenario)) return false;
  setCheckedPatterns(lesson.compare);
  explain_->showLesson(lesson.title, lesson.doc);
  show_dock(this, explain_);
  scenario_tabs_->setCurrentIndex(0);  // Parameters
  parameters_->highlight(lesson.parameter);
  const QString chart = showChart(lesson.chart);
  setStatus(tr("Lesson: %1 — move %2, watch “%3”, then Run")
                .arg(lesson.title, lesson.parameter, chart.isEmpty() ? lesson.chart : chart));
  return true;
}

// Shows the view holding the timeline chart of `figure` and frames that chart; its title, or
// empty when no chart draws the figure.
QString MainWindow::showChart(const QString& figure) {
  QString title;
  const char* const plain = "discolab_plain_background_pen";  // the theme's, kept once
  for (TimeChart* chart : charts_) {
    QChart* c = chart->chart();
    if (!c->property(plain).isValid()) c->setProperty(plain, c->backgroundPen());
    const bool watched = chart->keys().contains(figure);
    c->setBackgroundPen(watched ? QPen(QColor(230, 149, 0), 4) : c->property(plain).value<QPen>());
    if (!watched) continue;
    title = chart->title();
    for (int tab = 0; tab < views_->count(); ++tab)
      if (views_->widget(tab)->isAncestorOf(chart)) views_->setCurrentIndex(tab);
  }
  return title;
}

}  // namespace discolab::gui

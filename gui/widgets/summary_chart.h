// The comparison's figures as bars: one figure at a time (picked from the summary model's
// figures), a bar per pattern at its mean across seeds and a whisker over its 95% interval.
// Hovering a bar shows mean, interval and n.
#pragma once

#include <QStringList>

#include "gui/widgets/chart_panel.h"

class QBarCategoryAxis;
class QComboBox;
class QValueAxis;

namespace discolab::gui {

class SummaryModel;

class SummaryChart : public ChartPanel {
  Q_OBJECT
 public:
  SummaryChart(SummaryModel* model, QWidget* parent = nullptr);

  QComboBox* figurePicker() const { return picker_; }
  QString figure() const;
  void setFigure(const QString& key);
  // The patterns with a bar (a mean) for the current figure.
  QStringList barPatterns() const;
  QString csv() const override;
  void refresh();

 private:
  void fillPicker();

  SummaryModel* model_;
  QComboBox* picker_;
  QBarCategoryAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
  QStringList bar_patterns_;
};

}  // namespace discolab::gui

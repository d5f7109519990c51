// A chart with its export buttons: PNG (the view grabbed), SVG (the chart rendered by
// QSvgGenerator) and CSV (the data behind it, from csv()).
#pragma once

#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;

namespace discolab::gui {

class ChartPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ChartPanel(const QString& title, QWidget* parent = nullptr);

  QChart* chart() const { return chart_; }
  QChartView* view() const { return view_; }
  QString title() const { return title_; }

  bool exportPng(const QString& path) const;
  bool exportSvg(const QString& path) const;
  bool exportCsv(const QString& path) const;
  // The data the chart shows, as CSV text (a header line, then rows).
  virtual QString csv() const = 0;

 protected:
  // A tooltip with `text` at the cursor (values on hover).
  void showValue(const QString& text) const;

 private:
  void askAndExport(const QString& filter, const QString& suffix);

  QString title_;
  QChart* chart_;
  QChartView* view_;
};

}  // namespace discolab::gui

#include "gui/widgets/chart_panel.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace discolab::gui {

ChartPanel::ChartPanel(const QString& title, QWidget* parent)
    : QWidget(parent), title_(title), chart_(new QChart()), view_(new QChartView(chart_, this)) {
  chart_->setTitle(title);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumSize(260, 200);

  auto* buttons = new QHBoxLayout();
  buttons->addStretch();
  for (const auto& [label, filter, suffix] :
       {std::tuple{tr("PNG"), tr("PNG image (*.png)"), QStringLiteral("png")},
        std::tuple{tr("SVG"), tr("SVG image (*.svg)"), QStringLiteral("svg")},
        std::tuple{tr("CSV"), tr("CSV data (*.csv)"), QStringLiteral("csv")}}) {
    auto* b = new QToolButton(this);
    b->setText(label);
    b->setToolTip(tr("Export this chart as %1").arg(label));
    b->setAutoRaise(true);
    connect(b, &QToolButton::clicked, this,
            [this, filter, suffix] { askAndExport(filter, suffix); });
    buttons->addWidget(b);
  }
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(view_, 1);
  layout->addLayout(buttons);
}

void ChartPanel::askAndExport(const QString& filter, const QString& suffix) {
  QString name = title_.section(QLatin1Char('('), 0, 0).trimmed().toLower();
  name.replace(QLatin1Char(' '), QLatin1Char('-')).replace(QLatin1Char('/'), QLatin1Char('-'));
  const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"),
                                                    name + QLatin1Char('.') + suffix, filter);
  if (path.isEmpty()) return;
  if (suffix == QLatin1String("png")) exportPng(path);
  if (suffix == QLatin1String("svg")) exportSvg(path);
  if (suffix == QLatin1String("csv")) exportCsv(path);
}

bool ChartPanel::exportPng(const QString& path) const { return view_->grab().save(path, "PNG"); }

bool ChartPanel::exportSvg(const QString& path) const {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(view_->size());
  svg.setViewBox(QRect(QPoint(0, 0), view_->size()));
  svg.setTitle(title_);
  QPainter painter;
  if (!painter.begin(&svg)) return false;
  view_->render(&painter);
  return painter.end();
}

bool ChartPanel::exportCsv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  return file.write(csv().toUtf8()) >= 0;
}

void ChartPanel::showValue(const QString& text) const { QToolTip::showText(QCursor::pos(), text); }

}  // namespace discolab::gui

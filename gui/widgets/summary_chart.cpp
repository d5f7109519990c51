#include "gui/widgets/summary_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include "gui/models/summary_model.h"
#include "gui/widgets/time_chart.h"

namespace discolab::gui {

SummaryChart::SummaryChart(SummaryModel* model, QWidget* parent)
    : ChartPanel(tr("Comparison: mean and 95% interval across seeds"), parent),
      model_(model),
      picker_(new QComboBox(this)) {
  auto* row = new QHBoxLayout();
  row->addWidget(new QLabel(tr("Figure:"), this));
  row->addWidget(picker_, 1);
  static_cast<QVBoxLayout*>(layout())->insertLayout(0, row);
  chart()->legend()->hide();
  connect(picker_, &QComboBox::currentIndexChanged, this, &SummaryChart::refresh);
  connect(model_, &QAbstractItemModel::modelReset, this, &SummaryChart::fillPicker);
  fillPicker();
}

void SummaryChart::fillPicker() {
  const QString current = figure();
  QSignalBlocker block(picker_);
  picker_->clear();
  for (const QString& key : model_->figures(true)) {
    const QString unit = model_->unit(key);
    picker_->addItem(unit.isEmpty() ? model_->label(key)
                                    : QStringLiteral("%1 (%2)").arg(model_->label(key), unit),
                     key);
  }
  // Keep the figure shown; at first, the user-facing p99 latency (failures are often all 0).
  int at = picker_->findData(current);
  if (at < 0) at = picker_->findData(QStringLiteral("user.latency.p99_ms"));
  picker_->setCurrentIndex(at >= 0 ? at : 0);
  refresh();
}

QString SummaryChart::figure() const { return picker_->currentData().toString(); }

void SummaryChart::setFigure(const QString& key) {
  const int at = picker_->findData(key);
  if (at >= 0) picker_->setCurrentIndex(at);
}

QStringList SummaryChart::barPatterns() const { return bar_patterns_; }

void SummaryChart::refresh() {
  chart()->removeAllSeries();
  for (QAbstractAxis* axis : chart()->axes()) {
    chart()->removeAxis(axis);
    delete axis;
  }
  bar_patterns_.clear();
  const QString key = figure();
  if (key.isEmpty()) return;
  const QStringList patterns = model_->patterns();
  auto* bars = new QBarSeries();
  auto* set = new QBarSet(model_->label(key));
  set->setColor(QColor(120, 144, 170));
  double top = 0.0;
  std::vector<QLineSeries*> whiskers;
  for (qsizetype i = 0; i < patterns.size(); ++i) {
    const auto v = model_->value(patterns[i], key);
    set->append(v ? v->mean : 0.0);
    if (!v) continue;
    bar_patterns_.append(patterns[i]);
    top = std::max(top, v->high.value_or(v->mean));
    if (v->low && v->high) {
      auto* w = new QLineSeries();
      const double x = static_cast<double>(i), cap = 0.08;
      w->append({{x - cap, *v->low},
                 {x + cap, *v->low},
                 {x, *v->low},
                 {x, *v->high},
                 {x - cap, *v->high},
                 {x + cap, *v->high}});
      QPen pen(pattern_color(patterns[i]));
      pen.setWidthF(2.0);
      w->setPen(pen);
      whiskers.push_back(w);
    }
  }
  bars->append(set);
  chart()->addSeries(bars);
  x_ = new QBarCategoryAxis();
  x_->append(patterns);
  y_ = new QValueAxis();
  y_->setLabelFormat(QStringLiteral("%g"));
  y_->setTitleText(model_->unit(key));
  y_->setRange(0, top > 0 ? top * 1.1 : 1.0);
  y_->applyNiceNumbers();
  chart()->addAxis(x_, Qt::AlignBottom);
  chart()->addAxis(y_, Qt::AlignLeft);
  bars->attachAxis(x_);
  bars->attachAxis(y_);
  for (QLineSeries* w : whiskers) {
    chart()->addSeries(w);
    w->attachAxis(x_);
    w->attachAxis(y_);
  }
  connect(bars, &QBarSeries::hovered, this, [this, patterns, key](bool state, int i, QBarSet*) {
    if (!state || i < 0 || i >= patterns.size()) return;
    const auto v = model_->value(patterns[i], key);
    if (!v) return;
    QString text = QStringLiteral("%1\nmean %2").arg(patterns[i]).arg(v->mean, 0, 'g', 4);
    if (v->low && v->high)
      text += QStringLiteral("\n95%: [%1, %2]").arg(*v->low, 0, 'g', 4).arg(*v->high, 0, 'g', 4);
    showValue(text + QStringLiteral("\nn = %1").arg(v->n));
  });
}

QString SummaryChart::csv() const {
  QString out = QStringLiteral("pattern,figure,n,mean,ci95_low,ci95_high\n");
  const QString key = figure();
  auto opt = [](const std::optional<double>& v) {
    return v ? QString::number(*v, 'g', 12) : QString();
  };
  for (const QString& p : model_->patterns())
    if (const auto v = model_->value(p, key))
      out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                 .arg(p, key)
                 .arg(v->n)
                 .arg(v->mean, 0, 'g', 12)
                 .arg(opt(v->low), opt(v->high));
  return out;
}

}  // namespace discolab::gui

#include "gui/widgets/timeline_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include "gui/models/time_series_model.h"
#include "gui/widgets/churn_markers.h"
#include "gui/widgets/time_chart.h"

namespace discolab::gui {
namespace {

// "failed_no_endpoint_per_s" → "no_endpoint".
QString cause_of(const QString& key) { return key.mid(7, key.size() - 7 - 6); }

QString cause_title(const QString& key) {
  return QObject::tr("Failures by cause: %1 (per s)").arg(cause_of(key));
}

}  // namespace

TimelineView::TimelineView(TimeSeriesModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      slice_(new QComboBox(this)),
      cause_(new QComboBox(this)),
      key_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* bar = new QHBoxLayout();
  slice_->setToolTip(
      tr("The requests the charts show: all of them, or one client group and its target service "
         "(timeseries_by_client.csv). The views' figures are not kept per group."));
  slice_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  cause_->setToolTip(tr("The failure cause the failures chart shows (most frequent first)"));
  cause_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  bar->addWidget(new QLabel(tr("Requests:"), this));
  bar->addWidget(slice_);
  bar->addSpacing(12);
  bar->addWidget(new QLabel(tr("Failure cause:"), this));
  bar->addWidget(cause_);
  bar->addStretch();
  layout->addLayout(bar);
  auto* key_row = new QHBoxLayout();
  QStringList key;
  for (const QString& kind : churn_kinds())
    key.append(QStringLiteral("<span style='color:%1'>&#9474;</span>&nbsp;%2")
                   .arg(churn_color(kind).name(),
                        QString(kind).replace(QLatin1Char('_'), QLatin1Char(' '))));
  key_->setText(tr("Churn markers:") + QStringLiteral(" ") + key.join(QStringLiteral("&nbsp; ")));
  key_->setToolTip(
      tr("Dotted vertical lines: the cluster's disruptions (events.csv); hover one "
         "for what happened"));
  key_row->addWidget(key_);
  key_row->addStretch();
  layout->addLayout(key_row);

  const QString first_cause = model_->causeKeys().value(1);  // timeout, until data says more
  by_cause_ = new TimeChart(cause_title(first_cause), model_, {first_cause}, this);
  charts_ = {
      new TimeChart(tr("Stale-view fraction"), model_, {"stale_view_fraction"}, this),
      new TimeChart(tr("Propagation delay p99 (solid), p50 (dashed), s"), model_,
                    {"propagation_p99_s", "propagation_p50_s"}, this),
      new TimeChart(tr("Stale routes (fraction of tries)"), model_, {"stale_route_rate"}, this),
      new TimeChart(tr("Latency p99 (solid) and p50 (dashed), ms"), model_,
                    {"latency_p99_ms", "latency_p50_ms"}, this),
      new TimeChart(tr("Failed requests (fraction)"), model_, {"failure_rate"}, this),
      by_cause_,
  };
  auto* grid = new QGridLayout();
  grid->setSpacing(2);
  for (qsizetype i = 0; i < charts_.size(); ++i) {
    grid->addWidget(charts_[i], static_cast<int>(i / 2), static_cast<int>(i % 2));
    charts_[i]->setRefreshDelay(static_cast<int>(250 + 70 * i));  // staggered redraws
  }
  layout->addLayout(grid, 1);

  connect(slice_, &QComboBox::currentIndexChanged, this, [this] {
    const QString slice = slice_->currentData().toString();
    for (TimeChart* chart : charts_) chart->setSlice(slice);
    fillCauses();  // the group's own causes first
  });
  connect(cause_, &QComboBox::activated, this, [this] {
    cause_chosen_ = true;
    applyCause();
  });
  connect(model_, &TimeSeriesModel::slicesChanged, this, &TimelineView::fillSlices);
  // The causes' order follows the data: refilled now and then while a run streams.
  auto* recount = new QTimer(this);
  recount->setSingleShot(true);
  recount->setInterval(900);
  connect(recount, &QTimer::timeout, this, &TimelineView::fillCauses);
  connect(model_, &QAbstractItemModel::rowsInserted, recount, [recount] {
    if (!recount->isActive()) recount->start();
  });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    cause_chosen_ = false;
    fillCauses();
  });
  fillSlices();
  fillCauses();
}

void TimelineView::fillSlices() {
  const QString current = slice_->currentData().toString();
  const QSignalBlocker block(slice_);
  slice_->clear();
  slice_->addItem(tr("all requests"), QString());
  for (const QString& s : model_->slices()) slice_->addItem(s, s);
  const int at = slice_->findData(current);
  slice_->setCurrentIndex(at < 0 ? 0 : at);
  if (at < 0)
    for (TimeChart* chart : charts_) chart->setSlice({});
}

void TimelineView::fillCauses() {
  // Causes that occurred (in the requests shown), most failures first; then the others, in
  // the files' order.
  const QString slice = slice_->currentData().toString();
  QList<QPair<double, QString>> causes;
  for (const QString& key : model_->causeKeys())
    causes.append({model_->total(model_->column(key), slice), key});
  std::stable_sort(causes.begin(), causes.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  const QString current = cause_->currentData().toString();
  const QSignalBlocker block(cause_);
  cause_->clear();
  for (const auto& [total, key] : causes)
    cause_->addItem(total > 0 ? tr("%1 (occurred)").arg(cause_of(key)) : cause_of(key), key);
  // Wide enough for the longest cause, so the bar does not jump as the order changes.
  cause_->setMinimumContentsLength(28);
  const int at = cause_chosen_ ? cause_->findData(current) : 0;
  cause_->setCurrentIndex(at < 0 ? 0 : at);
  applyCause();
}

void TimelineView::applyCause() {
  const QString key = cause_->currentData().toString();
  if (!key.isEmpty()) by_cause_->setKeys({key}, cause_title(key));
}

bool TimelineView::selectSlice(const QString& slice) {
  const int at = slice_->findData(slice);
  if (at < 0) return false;
  slice_->setCurrentIndex(at);
  return true;
}

bool TimelineView::selectCause(const QString& key) {
  const int at = cause_->findData(key);
  if (at < 0) return false;
  cause_chosen_ = true;
  cause_->setCurrentIndex(at);
  applyCause();
  return true;
}

}  // namespace discolab::gui

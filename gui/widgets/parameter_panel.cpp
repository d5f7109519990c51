#include "gui/widgets/parameter_panel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "gui/models/scenario_model.h"

namespace discolab::gui {
namespace {

constexpr int kSliderSteps = 1000;

int slider_position(double value, double minimum, double maximum) {
  if (maximum <= minimum) return 0;
  return static_cast<int>(std::lround((value - minimum) / (maximum - minimum) * kSliderSteps));
}

}  // namespace

ParameterPanel::ParameterPanel(ScenarioModel* model, QWidget* parent)
    : QWidget(parent), model_(model), layout_(new QVBoxLayout(this)) {
  layout_->setContentsMargins(0, 0, 0, 0);
  connect(model_, &QAbstractItemModel::modelReset, this, &ParameterPanel::rebuild);
  connect(model_, &QAbstractItemModel::dataChanged, this, &ParameterPanel::updateValues);
  rebuild();
}

QWidget* ParameterPanel::editor(const QString& key) const {
  for (const Row& r : rows_)
    if (r.key == key) return r.editor;
  return nullptr;
}

bool ParameterPanel::highlight(const QString& key) {
  const Row* found = nullptr;
  for (const Row& r : rows_) {
    if (r.key == highlighted_) mark(r, false);
    if (r.key == key) found = &r;
  }
  highlighted_.clear();
  if (found == nullptr) return false;
  highlighted_ = key;
  mark(*found, true);
  found->editor->setFocus(Qt::OtherFocusReason);
  // Scrolled to once laid out: a panel just rebuilt (a scenario just opened) has no geometry yet.
  QTimer::singleShot(0, found->field, [this, field = found->field] {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    for (QWidget* w = parentWidget(); w != nullptr; w = w->parentWidget())
      if (auto* scroll = qobject_cast<QScrollArea*>(w)) {
        scroll->ensureWidgetVisible(field);
        break;
      }
  });
  return true;
}

void ParameterPanel::mark(const Row& row, bool on) {
  row.field->setAutoFillBackground(on);
  QPalette pal = row.field->palette();
  pal.setColor(QPalette::Window, on ? QColor(255, 236, 160) : palette().color(QPalette::Window));
  row.field->setPalette(pal);
  if (row.label != nullptr) {
    QFont font = row.label->font();
    font.setBold(on);
    row.label->setFont(font);
  }
}

void ParameterPanel::rebuild() {
  rows_.clear();
  delete content_;
  content_ = new QWidget(this);
  auto* column = new QVBoxLayout(content_);
  column->setContentsMargins(4, 4, 4, 4);
  QString group;
  QFormLayout* form = nullptr;
  for (int r = 0; r < model_->rowCount(); ++r) {
    const QString g = model_->data(model_->index(r, 0), ScenarioModel::GroupRole).toString();
    if (form == nullptr || g != group) {
      group = g;
      auto* box = new QGroupBox(g, content_);
      form = new QFormLayout(box);
      form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      column->addWidget(box);
    }
    addRow(form, r);
  }
  column->addStretch();
  layout_->addWidget(content_);
  updateValues();
  for (const Row& r : rows_)  // the mark outlives a rebuild (the YAML edited, a value set)
    if (r.key == highlighted_) mark(r, true);
}

void ParameterPanel::addRow(QFormLayout* form, int r) {
  const QModelIndex value = model_->index(r, ScenarioModel::ValueColumn);
  const QString key = model_->data(value, ScenarioModel::KeyRole).toString();
  const QString kind = model_->data(value, ScenarioModel::KindRole).toString();
  const QString unit = model_->data(model_->index(r, ScenarioModel::UnitColumn)).toString();
  const double minimum = model_->data(value, ScenarioModel::MinimumRole).toDouble();
  const double maximum = model_->data(value, ScenarioModel::MaximumRole).toDouble();
  Row row{key, nullptr, nullptr, nullptr, nullptr};
  auto set = [this, key](const QVariant& v) { model_->setValue(key, v); };
  if (kind == QLatin1String("choice")) {
    auto* combo = new QComboBox(content_);
    combo->addItems(model_->data(value, ScenarioModel::ChoicesRole).toStringList());
    connect(combo, &QComboBox::currentTextChanged, this, set);
    row.editor = combo;
  } else {
    auto* slider = new QSlider(Qt::Horizontal, content_);
    slider->setRange(0, kSliderSteps);
    row.slider = slider;
    if (kind == QLatin1String("whole")) {
      auto* spin = new QSpinBox(content_);
      spin->setRange(static_cast<int>(minimum), 1000000);
      connect(spin, &QSpinBox::valueChanged, this, [set](int v) { set(v); });
      connect(slider, &QSlider::sliderMoved, this, [spin, minimum, maximum](int pos) {
        spin->setValue(
            static_cast<int>(std::lround(minimum + (maximum - minimum) * pos / kSliderSteps)));
      });
      row.editor = spin;
    } else {
      auto* spin = new QDoubleSpinBox(content_);
      spin->setDecimals(3);
      spin->setRange(minimum, 1e9);
      spin->setSingleStep(maximum > 20 ? 1.0 : 0.1);
      connect(spin, &QDoubleSpinBox::valueChanged, this, [set](double v) { set(v); });
      connect(slider, &QSlider::sliderMoved, this, [spin, minimum, maximum](int pos) {
        spin->setValue(minimum + (maximum - minimum) * pos / kSliderSteps);
      });
      row.editor = spin;
    }
    if (!unit.isEmpty()) {
      if (auto* s = qobject_cast<QSpinBox*>(row.editor)) s->setSuffix(QLatin1Char(' ') + unit);
      if (auto* s = qobject_cast<QDoubleSpinBox*>(row.editor))
        s->setSuffix(QLatin1Char(' ') + unit);
    }
  }
  const QString help = model_->data(value, ScenarioModel::HelpRole).toString() +
                       QStringLiteral("\n(") + key + QLatin1Char(')');
  row.editor->setToolTip(help);
  auto* field = new QWidget(content_);
  auto* h = new QHBoxLayout(field);
  h->setContentsMargins(0, 0, 0, 0);
  h->addWidget(row.editor, 2);
  if (row.slider != nullptr) h->addWidget(row.slider, 3);
  form->addRow(model_->data(model_->index(r, ScenarioModel::LabelColumn)).toString(), field);
  row.field = field;
  row.label = form->labelForField(field);
  rows_.push_back(row);
}

void ParameterPanel::updateValues() {
  for (const Row& row : rows_) {
    const int r = model_->rowOfKey(row.key);
    if (r < 0) continue;
    const QModelIndex value = model_->index(r, ScenarioModel::ValueColumn);
    const QVariant v = model_->data(value, Qt::EditRole);
    const QSignalBlocker block(row.editor);
    if (auto* combo = qobject_cast<QComboBox*>(row.editor)) combo->setCurrentText(v.toString());
    if (auto* spin = qobject_cast<QSpinBox*>(row.editor)) spin->setValue(v.toInt());
    if (auto* spin = qobject_cast<QDoubleSpinBox*>(row.editor)) spin->setValue(v.toDouble());
    if (row.slider != nullptr) {
      const QSignalBlocker block_slider(row.slider);
      row.slider->setValue(
          slider_position(v.toDouble(), model_->data(value, ScenarioModel::MinimumRole).toDouble(),
                          model_->data(value, ScenarioModel::MaximumRole).toDouble()));
    }
  }
}

}  // namespace discolab::gui

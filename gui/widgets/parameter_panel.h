// The scenario's parameters as controls, generated from the scenario model: a group box per
// group (Cluster, Workload, Churn, each pattern), a spin box and slider per number, a combo box
// per choice. Editing a control sets the model (which rewrites the YAML text); a model change
// (the YAML edited by hand) moves the controls. Rebuilt when the scenario's parameters change.
#pragma once

#include <QWidget>
#include <vector>

class QFormLayout;
class QSlider;
class QVBoxLayout;

namespace discolab::gui {

class ScenarioModel;

class ParameterPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ParameterPanel(ScenarioModel* model, QWidget* parent = nullptr);

  // The control editing a parameter (a QSpinBox, QDoubleSpinBox or QComboBox), or nullptr.
  QWidget* editor(const QString& key) const;

 private:
  struct Row {
    QString key;
    QWidget* editor = nullptr;
    QSlider* slider = nullptr;
  };
  void rebuild();
  void updateValues();
  void addRow(QFormLayout* form, int row);

  ScenarioModel* model_;
  QVBoxLayout* layout_;
  QWidget* content_ = nullptr;
  std::vector<Row> rows_;
};

}  // namespace discolab::gui

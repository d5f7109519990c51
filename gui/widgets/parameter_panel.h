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
  // Marks a parameter's row (a tinted background and a bold label; any earlier mark goes),
  // scrolls it into view and gives its control the focus; false when no row has that key.
  bool highlight(const QString& key);
  // The highlighted parameter's key, or empty.
  QString highlighted() const { return highlighted_; }

 private:
  struct Row {
    QString key;
    QWidget* editor = nullptr;
    QSlider* slider = nullptr;
    QWidget* field = nullptr;  // the editor and slider's row
    QWidget* label = nullptr;
  };
  void mark(const Row& row, bool on);
  void rebuild();
  void updateValues();
  void addRow(QFormLayout* form, int row);

  ScenarioModel* model_;
  QVBoxLayout* layout_;
  QWidget* content_ = nullptr;
  std::vector<Row> rows_;
  QString highlighted_;
};

}  // namespace discolab::gui

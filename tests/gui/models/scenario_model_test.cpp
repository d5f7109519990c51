#include "gui/models/scenario_model.h"

#include <QFile>
#include <catch2/catch.hpp>

#include "tests/gui/model_tester.h"

using discolab::gui::ScenarioModel;
using discolab::gui::testing::ModelCheck;

namespace {

const QString kQuickstart = QStringLiteral(DISCOLAB_SOURCE_DIR "/scenarios/quickstart.yaml");

QVariant value_of(const ScenarioModel& m, const QString& key, int role = Qt::EditRole) {
  const int row = m.rowOfKey(key);
  REQUIRE(row >= 0);
  return m.data(m.index(row, ScenarioModel::ValueColumn), role);
}

}  // namespace

TEST_CASE("the scenario model reads quickstart's parameters with their schema types") {
  ScenarioModel model;
  ModelCheck check(&model);
  REQUIRE(model.loadFile(kQuickstart));
  CHECK(model.isValid());
  CHECK(model.scenarioName() == "quickstart");
  CHECK(value_of(model, "services.web.replicas").toInt() == 12);
  CHECK(value_of(model, "services.web.replicas", ScenarioModel::KindRole) == "whole");
  CHECK(value_of(model, "services.web.replicas", ScenarioModel::MinimumRole).toDouble() == 0.0);
  CHECK(value_of(model, "patterns.client_side.propagation.fetch_interval").toDouble() == 15.0);
  CHECK(value_of(model, "patterns.client_side.propagation.fetch_interval",
                 ScenarioModel::KindRole) == "duration");
  // "> 0s": the smallest step above the exclusive bound
  CHECK(
      value_of(model, "patterns.client_side.propagation.fetch_interval", ScenarioModel::MinimumRole)
          .toDouble() == Approx(0.001));
  CHECK(value_of(model, "churn.crashes.rate_per_instance").toDouble() == Approx(4.0));  // per hour
  CHECK(value_of(model, "clients.users.rate").toDouble() == Approx(150.0));
  CHECK(value_of(model, "patterns.dns.dns.server.ttl").toDouble() == 5.0);
  const QStringList balancers =
      value_of(model, "patterns.central_lb.balancing.policy", ScenarioModel::ChoicesRole)
          .toStringList();
  CHECK(balancers.contains("round-robin"));
  CHECK(balancers.contains("least-request"));
  // Every group a student plays with is there.
  QStringList groups;
  for (int r = 0; r < model.rowCount(); ++r)
    groups.append(model.data(model.index(r, 0), ScenarioModel::GroupRole).toString());
  for (const char* g : {"Cluster", "Workload", "Churn", "client-side", "dns", "central-lb",
                        "per-host-proxy", "api-gateway"})
    CHECK(groups.contains(g));
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("setting a parameter rewrites its value in place and keeps the comments") {
  ScenarioModel model;
  ModelCheck check(&model);
  REQUIRE(model.loadFile(kQuickstart));
  int text_changes = 0;
  QObject::connect(&model, &ScenarioModel::yamlTextChanged, [&] { ++text_changes; });
  REQUIRE(model.setValue("patterns.client_side.propagation.fetch_interval", 7.5));
  CHECK(text_changes == 1);
  const QString text = model.yamlText();
  CHECK(text.contains("propagation: {mode: poll, fetch_interval: 7500ms}"));
  CHECK(text.contains("# quickstart: the default scenario"));
  CHECK(value_of(model, "patterns.client_side.propagation.fetch_interval").toDouble() == 7.5);
  REQUIRE(model.setValue("services.api.replicas", 3));
  CHECK(model.yamlText().contains("  - name: api\n    replicas: 3\n"));
  REQUIRE(model.setValue("churn.crashes.rate_per_instance", 30.0));
  CHECK(model.yamlText().contains("rate_per_instance: 30/h"));
  REQUIRE(model.setValue("patterns.central_lb.balancing.policy", "least-request"));
  CHECK(value_of(model, "patterns.central_lb.balancing.policy").toString() == "least-request");
  CHECK(model.isValid());
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("a parameter the file does not write is added, and bad values are refused") {
  ScenarioModel model;
  REQUIRE(model.loadFile(kQuickstart));
  REQUIRE(value_of(model, "patterns.central_lb.health.active.interval").toDouble() == 2.0);
  REQUIRE(model.setValue("patterns.central_lb.health.active.interval", 3.0));
  CHECK(value_of(model, "patterns.central_lb.health.active.interval").toDouble() == 3.0);
  CHECK(model.isValid());
  const QString before = model.yamlText();
  CHECK_FALSE(model.setValue("services.web.replicas", -1));
  CHECK_FALSE(model.setValue("patterns.central_lb.balancing.policy", "fastest"));
  CHECK_FALSE(model.setValue("patterns.client_side.propagation.fetch_interval", 0.0));
  CHECK(model.yamlText() == before);
}

TEST_CASE("text the loader rejects reports file, line and column and keeps the parameters") {
  ScenarioModel model;
  ModelCheck check(&model);
  REQUIRE(model.loadFile(kQuickstart));
  int issue_changes = 0;
  QObject::connect(&model, &ScenarioModel::issuesChanged, [&] { ++issue_changes; });
  QString text = model.yamlText();
  text.replace("    replicas: 12\n", "    replicas: twelve\n");
  const int line = text.left(text.indexOf("replicas: twelve")).count('\n') + 1;
  model.setYamlText(text);
  REQUIRE_FALSE(model.isValid());
  CHECK(issue_changes == 1);
  REQUIRE(model.issues().size() == 1);
  const auto& issue = model.issues().front();
  CHECK(issue.line == line);
  CHECK(issue.column == 15);
  CHECK(issue.keyPath == "services[0].replicas");
  CHECK(issue.text.startsWith(kQuickstart + ":" + QString::number(line) + ":15: "));
  CHECK(value_of(model, "services.web.replicas").toInt() == 12);  // the last valid value
  text.replace("replicas: twelve", "replicas: 9");
  model.setYamlText(text);
  CHECK(model.isValid());
  CHECK(issue_changes == 2);
  CHECK(value_of(model, "services.web.replicas").toInt() == 9);
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("a missing scenario file is an issue naming it") {
  ScenarioModel model;
  CHECK_FALSE(model.loadFile("/nonexistent/x.yaml"));
  REQUIRE(model.issues().size() == 1);
  CHECK(model.issues().front().text.startsWith("/nonexistent/x.yaml: "));
  CHECK(model.rowCount() == 0);
}

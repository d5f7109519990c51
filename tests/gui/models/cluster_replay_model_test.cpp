// The cluster replay model on a hand-written run: a container scheduled, ready, crashed; a host
// down and up; a component down; an LB view that keeps an instance that is no longer ready
// (a stale route), under QAbstractItemModelTester.
#include "gui/models/cluster_replay_model.h"

#include <catch2/catch.hpp>

#include "tests/gui/cluster_fixture.h"
#include "tests/gui/model_tester.h"

using discolab::gui::ClusterReplayModel;
using discolab::gui::ContainerAt;
using discolab::gui::ContainerState;
using discolab::gui::testing::kEvents;
using discolab::gui::testing::kTopology;
using discolab::gui::testing::ModelCheck;

namespace {

ContainerState state_of(const ClusterReplayModel& model, int host, const QString& name) {
  for (const ContainerAt& c : model.containersOn(host))
    if (model.history().containers()[static_cast<std::size_t>(c.index)].name == name)
      return c.state;
  return ContainerState::absent;
}

// The tree's row for `name` under the host `host` (racks > hosts > components and containers).
QModelIndex row_of(const ClusterReplayModel& model, const QString& host, const QString& name) {
  for (int r = 0; r < model.rowCount(); ++r) {
    const QModelIndex rack = model.index(r, 0);
    for (int h = 0; h < model.rowCount(rack); ++h) {
      const QModelIndex host_index = model.index(h, 0, rack);
      if (host_index.data().toString() != host) continue;
      for (int c = 0; c < model.rowCount(host_index); ++c)
        if (model.index(c, 0, host_index).data().toString() == name)
          return model.index(c, 0, host_index);
    }
  }
  return {};
}

QString cell(const ClusterReplayModel& model, const QModelIndex& row, int column) {
  return model.index(row.row(), column, row.parent()).data().toString();
}

}  // namespace

TEST_CASE("cluster replay: containers, hosts, components and views at chosen times") {
  ClusterReplayModel model;
  ModelCheck check(&model);
  QString error;
  REQUIRE(model.loadText(kTopology, kEvents, &error));
  CHECK(model.endTime() == 60.0);
  REQUIRE(model.rowCount() == 2);  // racks 0 and 1
  CHECK(model.index(0, 0).data().toString() == "rack 0");
  CHECK(model.rowCount(model.index(0, 0)) == 2);  // host0, host1
  CHECK(model.rowCount(model.index(1, 0)) == 1);  // host2

  model.setTime(1.0);
  CHECK(state_of(model, 1, "web-0") == ContainerState::starting);
  CHECK(cell(model, row_of(model, "host1", "web-0"), ClusterReplayModel::StateColumn) ==
        "starting");

  model.setTime(5.0);
  CHECK(state_of(model, 1, "web-0") == ContainerState::ready);
  CHECK(state_of(model, 2, "web-1") == ContainerState::ready);
  auto lb = model.view("lb/primary", "web");
  REQUIRE(lb);
  CHECK(lb->members == std::vector<int>{0, 1});
  CHECK(lb->stale.empty());
  CHECK(lb->complete);

  SECTION("a crash: shown as crashed for a while, stale in the LB's view until it learns") {
    model.setTime(12.0);
    CHECK(state_of(model, 1, "web-0") == ContainerState::crashed);
    CHECK(cell(model, row_of(model, "host1", "web-0"), ClusterReplayModel::StateColumn) ==
          "crashed");
    lb = model.view("lb/primary", "web");
    REQUIRE(lb);
    CHECK(lb->stale == std::vector<int>{0});
    CHECK(model.view("registry/main", "web")->members == std::vector<int>{1});
    CHECK(cell(model, row_of(model, "host0", "lb"), ClusterReplayModel::DetailColumn) ==
          "from registry, web: 2 (1 stale)");
    model.setTime(16.0);  // more than 5 s after the crash
    CHECK(state_of(model, 1, "web-0") == ContainerState::absent);
    CHECK_FALSE(row_of(model, "host1", "web-0").isValid());
  }
  SECTION("a host down: its containers crash, the LB lists one of them as a stale route") {
    model.setTime(21.0);
    CHECK_FALSE(model.hostUp(2));
    CHECK(model.hostUp(1));
    CHECK(state_of(model, 2, "web-1") == ContainerState::crashed);
    CHECK(state_of(model, 1, "web-0.1") == ContainerState::starting);
    model.setTime(35.0);
    CHECK_FALSE(model.hostUp(2));
    CHECK(state_of(model, 1, "web-0.1") == ContainerState::ready);
    lb = model.view("lb/primary", "web");
    REQUIRE(lb);
    CHECK(lb->members == std::vector<int>{1, 2});
    CHECK(lb->stale == std::vector<int>{1});
    CHECK(model.hostOfInstance(1) == 2);
    CHECK(cell(model, model.index(0, 0, model.index(1, 0)), ClusterReplayModel::StateColumn) ==
          "down");
  }
  SECTION("a component down, then a graceful stop: terminating until gone") {
    model.setTime(42.0);
    CHECK(model.hostUp(2));
    CHECK_FALSE(model.componentUp(1));
    CHECK(model.componentUp(0));
    CHECK(cell(model, row_of(model, "host0", "lb"), ClusterReplayModel::StateColumn) == "down");
    model.setTime(46.0);
    CHECK(model.componentUp(1));
    model.setTime(52.0);
    CHECK(state_of(model, 1, "web-0.1") == ContainerState::terminating);
    model.setTime(56.0);
    CHECK(state_of(model, 1, "web-0.1") == ContainerState::absent);
    model.setTime(60.0);  // views closed at the run's end still answer at the end
    CHECK(model.view("lb/primary", "web"));
  }
  CHECK(ModelCheck::failures().isEmpty());
}

TEST_CASE("cluster replay: a view changed by more ids than a row lists is marked incomplete") {
  ClusterReplayModel model;
  const QByteArray events =
      "t_s,kind,subject,service,detail\n"
      "0,view_open,lb/primary,web,view=4\n"
      "1,view,lb/primary,web,view=4 size=18 added=0;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;+2 "
      "removed=\n";
  REQUIRE(model.loadText(kTopology, events));
  model.setTime(1.0);
  const auto v = model.view("lb/primary", "web");
  REQUIRE(v);
  CHECK(v->size == 18);
  CHECK(v->members.size() == 16);
  CHECK_FALSE(v->complete);
}

TEST_CASE("cluster replay: what is not a run's files is refused with a reason") {
  ClusterReplayModel model;
  ModelCheck check(&model);
  QString error;
  CHECK_FALSE(model.loadText("{}", kEvents, &error));
  CHECK(error.contains("topology.json"));
  CHECK_FALSE(model.loadText(kTopology, "a,b\n", &error));
  CHECK(error.contains("events.csv"));
  CHECK_FALSE(model.loadFolder("/nonexistent-run-folder", &error));
  CHECK(error.contains("topology.json"));
  CHECK(model.rowCount() == 0);
  CHECK(ModelCheck::failures().isEmpty());
}

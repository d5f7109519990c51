// The cluster replay model on a hand-written run: a container scheduled, ready, crashed; a host
// down and up; a component down; an LB view that keeps an instance that is no longer ready
// (a stale route), under QAbstractItemModelTester.
#include "gui/models/cluster_replay_model.h"

#include <catch2/catch.hpp>

#include "tests/gui/model_tester.h"

using discolab::gui::ClusterReplayModel;
using discolab::gui::ContainerAt;
using discolab::gui::ContainerState;
using discolab::gui::testing::ModelCheck;

namespace {

// host0 (rack 0) holds the registry and the LB; web runs on host1 (rack 0) and host2 (rack 1).
const QByteArray kTopology = R"({
  "format": 1, "pattern": "central-lb",
  "hosts": [{"name": "host0", "rack": 0, "reserved_for": "registry"},
            {"name": "host1", "rack": 0, "reserved_for": ""},
            {"name": "host2", "rack": 1, "reserved_for": ""}],
  "components": [
    {"name": "registry", "kind": "registry", "host": "host0", "source": "",
     "view": "registry/main"},
    {"name": "lb", "kind": "load-balancer", "host": "host0", "source": "registry",
     "view": "lb/primary"}],
  "clients": [{"group": "users", "target": "web", "external": false,
    "callers": [{"name": "users-0", "host": "host1", "via": ["lb"], "view": "lb/primary",
                 "source": ""}]}]
})";

// web-0 (instance 0) crashes at 10 s; host2 fails at 20 s, crashing web-1 (instance 1), which
// the LB still lists from 30 s; web-0.1 (instance 2) replaces web-0, is stopped at 50 s and
// gone at 55 s; the LB's process is down from 40 s to 45 s.
const QByteArray kEvents =
    "t_s,kind,subject,service,detail\n"
    "0,scheduled,web-0,web,host1\n"
    "0,scheduled,web-1,web,host2\n"
    "1,view_open,registry/main,web,view=0\n"
    "1,view_open,lb/primary/web,web,view=1\n"
    "2,ready,instance/0,web,\n"
    "2,ready,web-0,web,\n"
    "2.5,ready,instance/1,web,\n"
    "2.5,ready,web-1,web,\n"
    "3,view,lb/primary/web,web,view=1 size=2 added=0;1 removed=\n"
    "3,view,registry/main,web,view=0 size=2 added=0;1 removed=\n"
    "10,unready,instance/0,web,\n"
    "10,crash,web-0,web,random\n"
    "11,view,registry/main,web,view=0 size=1 added= removed=0\n"
    "20,host_down,host2,,\n"
    "20,unready,instance/1,web,\n"
    "20,crash,web-1,web,host_failure\n"
    "20,scheduled,web-0.1,web,host1\n"
    "25,ready,instance/2,web,\n"
    "25,ready,web-0.1,web,\n"
    "30,view,lb/primary/web,web,view=1 size=2 added=2 removed=0\n"
    "40,host_up,host2,,\n"
    "40,component_down,lb,,\n"
    "45,component_up,lb,,\n"
    "50,stop,web-0.1,web,\n"
    "50,unready,instance/2,web,\n"
    "55,gone,web-0.1,web,drained\n"
    "60,view_close,registry/main,web,view=0\n"
    "60,view_close,lb/primary/web,web,view=1\n";

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

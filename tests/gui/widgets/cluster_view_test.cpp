// The cluster view on hand-written runs: it lists a compare folder's runs, draws the state at
// the time chosen (containers, the caller's stale route), and plays and pauses the replay.
#include "gui/widgets/cluster_view.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

#include "gui/models/cluster_replay_model.h"
#include "gui/widgets/cluster_canvas.h"
#include "tests/gui/cluster_fixture.h"

using namespace discolab::gui;
using discolab::gui::testing::kEvents;
using discolab::gui::testing::kTopology;

namespace {

void write(const QString& path, const QByteArray& text) {
  QFile file(path);
  REQUIRE(file.open(QIODevice::WriteOnly));
  file.write(text);
}

// A compare folder: runs/<run>/ with topology.json and events.csv each.
void make_runs(const QString& root, const QStringList& runs) {
  for (const QString& run : runs) {
    const QString dir = root + "/runs/" + run;
    REQUIRE(QDir().mkpath(dir));
    write(dir + "/topology.json", kTopology);
    write(dir + "/events.csv", kEvents);
  }
}

}  // namespace

TEST_CASE("the cluster view lists a comparison's runs and draws the state at a time") {
  QTemporaryDir root;
  make_runs(root.path(), {"central-lb-seed1", "central-lb-seed2"});
  ClusterView view;
  view.resize(900, 600);
  view.show();
  REQUIRE(view.setResultsFolder(root.path()));
  CHECK(view.runs() == QStringList{"central-lb-seed1", "central-lb-seed2"});
  CHECK(view.run() == "central-lb-seed1");
  REQUIRE(view.selectRun("central-lb-seed2"));
  CHECK_FALSE(view.selectRun("dns-seed1"));
  CHECK(view.model()->endTime() == 60.0);

  view.setTime(35.0);  // host2 down; the LB lists web-1 (crashed with it) and web-0.1
  view.grab();
  CHECK(view.canvas()->drawnContainers() == 1);  // web-0.1; web-1's crash is 15 s old
  CHECK(view.canvas()->drawnStaleRoutes() == 1);
  view.setTime(5.0);  // both ready and listed
  view.grab();
  CHECK(view.canvas()->drawnContainers() == 2);
  CHECK(view.canvas()->drawnStaleRoutes() == 0);

  SECTION("a run folder itself is its one run") {
    REQUIRE(view.setResultsFolder(root.path() + "/runs/central-lb-seed1"));
    CHECK(view.runs() == QStringList{"central-lb-seed1"});
  }
  SECTION("a folder without topology.json says so") {
    QTemporaryDir empty;
    CHECK_FALSE(view.setResultsFolder(empty.path()));
    CHECK(view.message().contains("topology.json"));
    CHECK(view.model()->isEmpty());
  }
}

TEST_CASE("the cluster view plays the replay forward and pauses") {
  QTemporaryDir root;
  make_runs(root.path(), {"central-lb-seed1"});
  ClusterView view;
  REQUIRE(view.setResultsFolder(root.path()));
  view.setSpeed(60.0);
  view.setTime(10.0);
  QSignalSpy moved(view.model(), &ClusterReplayModel::timeChanged);
  view.play();
  CHECK(view.isPlaying());
  REQUIRE(moved.wait(5000));
  CHECK(view.time() > 10.0);
  view.pause();
  CHECK_FALSE(view.isPlaying());
  // Played to the end it stops there; played again it starts over.
  view.setTime(view.model()->endTime());
  view.play();
  CHECK(view.time() == 0.0);
  view.pause();
}

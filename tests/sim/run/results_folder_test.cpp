#include "sim/run/results_folder.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace discolab;
namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& name) {
  const fs::path p =
      fs::temp_directory_path() / ("discolab-folder-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

// A pid that belonged to a process that has exited (a child, reaped).
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

std::string staging_name(const std::string& name, pid_t pid) {
  return name + ".partial-" + std::to_string(pid);
}

}  // namespace

TEST_CASE("with replace, only a folder discolab wrote is replaced", "[folders]") {
  const fs::path root = fresh("force");

  SECTION("an unrelated folder is refused and left as it was") {
    const fs::path other = root / "notes";
    fs::create_directories(other);
    write(other / "keep.txt", "precious");
    CHECK_THROWS_WITH(ResultsFolder(other, true),
                      Catch::Contains("is not a discolab results folder"));
    CHECK(read(other / "keep.txt") == "precious");
    CHECK(fs::directory_iterator(root) != fs::directory_iterator());
    for (const auto& e : fs::directory_iterator(root)) CHECK(e.path().filename() == "notes");
  }
  SECTION("a file is never replaced") {
    const fs::path file = root / "self.yaml";
    write(file, "name: x\n");
    CHECK_THROWS_WITH(ResultsFolder(file, true), Catch::Contains("is a file"));
    CHECK(fs::is_regular_file(file));
    CHECK(read(file) == "name: x\n");
  }
  SECTION("a symbolic link is never replaced, even to a results folder") {
    const fs::path real = root / "real";
    {
      ResultsFolder first(real, false);
      first.commit();
    }
    const fs::path link = root / "link";
    fs::create_directory_symlink(real, link);
    CHECK_THROWS_WITH(ResultsFolder(link, true), Catch::Contains("is a symbolic link"));
    CHECK(fs::is_symlink(link));
    CHECK(fs::exists(real / kResultsMarker));
  }
  SECTION("a folder with the marker is replaced, and the new one has the marker") {
    const fs::path out = root / "run";
    {
      ResultsFolder first(out, false);
      write(first.staging() / "summary.json", "{}");
      first.commit();
    }
    REQUIRE(fs::exists(out / kResultsMarker));
    ResultsFolder second(out, true);
    CHECK(fs::exists(second.staging() / kResultsMarker));
    write(second.staging() / "summary.json", "{\"new\":1}");
    second.commit();
    CHECK(read(out / "summary.json") == "{\"new\":1}");
  }
  SECTION("a folder of an older version (summary.json + scenario.resolved.yaml) is replaced") {
    const fs::path out = root / "old";
    fs::create_directories(out);
    write(out / "summary.json", "{}");
    write(out / "scenario.resolved.yaml", "name: x\n");
    CHECK(is_results_folder(out));
    ResultsFolder replacing(out, true);
    replacing.commit();
    CHECK_FALSE(fs::exists(out / "summary.json"));
    CHECK(fs::exists(out / kResultsMarker));
  }
  SECTION("without --force an existing folder is refused") {
    const fs::path out = root / "exists";
    fs::create_directories(out);
    CHECK_THROWS_WITH(ResultsFolder(out, false), Catch::Contains("already exists"));
  }
}

TEST_CASE("the results path is normalised before the staging folder is chosen", "[folders]") {
  const fs::path root = fresh("slash");
  CHECK(normalise_results_path("a/b/") == fs::path("a/b"));
  CHECK(normalise_results_path("a/./b//") == fs::path("a/b"));
  CHECK(normalise_results_path("/x/y/") == fs::path("/x/y"));
  CHECK_THROWS_AS(normalise_results_path(""), std::invalid_argument);
  CHECK_THROWS_AS(normalise_results_path("/"), std::invalid_argument);
  CHECK_THROWS_AS(normalise_results_path("."), std::invalid_argument);

  ResultsFolder folder(root.string() + "/new/", false);
  CHECK(folder.staging().parent_path() == root);
  CHECK(folder.staging().filename() == staging_name("new", ::getpid()));
  folder.commit();
  CHECK(fs::is_directory(root / "new"));
  CHECK(fs::exists(root / "new" / kResultsMarker));
}

TEST_CASE("staging folders of killed runs are removed, others kept", "[folders]") {
  const fs::path root = fresh("stale");
  const pid_t gone = dead_pid();
  const fs::path stale = root / staging_name("a", gone);
  fs::create_directories(stale);
  write(stale / kResultsMarker, "");
  const fs::path unmarked = root / staging_name("b", gone);  // not ours: no marker
  fs::create_directories(unmarked);
  write(unmarked / "notes.txt", "someone else's");
  // Killed between creating its folder and writing the marker: empty, so nothing to lose.
  const fs::path empty = root / staging_name("e", gone);
  fs::create_directories(empty);
  const fs::path alive = root / staging_name("c", ::getppid());  // its process still runs
  fs::create_directories(alive);
  write(alive / kResultsMarker, "");
  const fs::path mine = root / staging_name("d", ::getpid());
  fs::create_directories(mine);
  write(mine / kResultsMarker, "");

  const auto removed = remove_stale_staging(root);
  REQUIRE(removed.size() == 2);
  CHECK(removed.front() == stale);
  CHECK(removed.back() == empty);
  CHECK_FALSE(fs::exists(stale));
  CHECK_FALSE(fs::exists(empty));
  CHECK(fs::exists(unmarked));
  CHECK(fs::exists(alive));
  CHECK(fs::exists(mine));
}

TEST_CASE("the default folder name shows --set overrides as a stable hash", "[folders]") {
  CHECK(overrides_tag({}).empty());
  const std::string tag = overrides_tag({"duration=1m", "services.web.replicas=8"});
  CHECK(tag.size() == 11);
  CHECK(tag.rfind("set", 0) == 0);
  CHECK(tag == overrides_tag({"services.web.replicas=8", "duration=1m"}));
  CHECK(tag != overrides_tag({"duration=2m", "services.web.replicas=8"}));
  CHECK(overrides_tag({"duration=1m"}) == "setd0bed390");  // FNV-1a: the same on every machine

  const fs::path root = fresh("names");
  CHECK(default_results_dir(root, "q", "client-side", 1, "fast") ==
        root / "q" / "client-side-seed1-fast");
  CHECK(default_results_dir(root, "q", "client-side", 1, "fast", tag) ==
        root / "q" / ("client-side-seed1-fast-" + tag));
}

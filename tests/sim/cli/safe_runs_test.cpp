// Runs that never lose data: what --force may replace, --out spellings, interrupted and killed
// runs, --seed bounds, scenario and platform paths.
#include <catch2/catch.hpp>
#include <csignal>
#include <nlohmann/json.hpp>
#include <sstream>

#include "background_run.h"
#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kShortRun =
    "run scenarios/quickstart.yaml --set duration=5s --set metrics.warmup=0s --quiet ";

bool has_staging_folder(const fs::path& parent) {
  if (!fs::exists(parent)) return false;
  for (const auto& e : fs::directory_iterator(parent))
    if (e.path().filename().string().find(".partial-") != std::string::npos) return true;
  return false;
}

fs::path staging_of(const fs::path& out, pid_t pid) {
  return out.string() + ".partial-" + std::to_string(pid);
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

// A run long enough to be signalled while it simulates.
std::vector<std::string> long_run(const fs::path& out, const std::string& engine,
                                  const std::string& progress = "none") {
  return {"run",       "scenarios/quickstart.yaml",
          "--set",     "duration=3h",
          "--yes",     "--engine",
          engine,      "--progress",
          progress,    "--out",
          out.string()};
}

}  // namespace

TEST_CASE("force never replaces what discolab did not write", "[cli][folders]") {
  SECTION("an unrelated folder") {
    const auto out = scratch("force-unrelated");
    fs::create_directories(out);
    { std::ofstream(out / "keep.txt") << "precious"; }
    const auto r = run_discolab(kShortRun + "--force --out " + out.string());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("not a discolab results folder"));
    CHECK(read_file(out / "keep.txt") == "precious");
    CHECK_FALSE(has_staging_folder(out.parent_path()));
  }
  SECTION("a file, even the scenario itself") {
    const auto dir = scratch("force-file");
    fs::create_directories(dir);
    fs::copy_file(fs::path(DISCOLAB_SOURCE_DIR) / "scenarios/quickstart.yaml", dir / "self.yaml");
    const std::string before = read_file(dir / "self.yaml");
    const auto r =
        run_discolab("run " + (dir / "self.yaml").string() +
                     " --set duration=5s --set metrics.warmup=0s --quiet --force --out " + (dir / "self.yaml").string());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("is a file"));
    REQUIRE(fs::is_regular_file(dir / "self.yaml"));
    CHECK(read_file(dir / "self.yaml") == before);
  }
  SECTION("a results folder is replaced") {
    const auto out = scratch("force-results");
    REQUIRE(run_discolab(kShortRun + "--out " + out.string()).exit_code == 0);
    CHECK(fs::exists(out / ".discolab-results"));
    const auto again = run_discolab(kShortRun + "--seed 2 --force --out " + out.string());
    CHECK(again.exit_code == 0);
    CHECK(json::parse(read_file(out / "summary.json"))["seed"] == 2);
  }
}

TEST_CASE("an out folder with a trailing slash works and an empty --out is refused",
          "[cli][folders]") {
  const auto parent = scratch("slash");
  const auto r = run_discolab(kShortRun + "--out " + parent.string() + "/new/");
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(parent / "new" / "summary.json"));
  CHECK_FALSE(has_staging_folder(parent));
  const auto forced = run_discolab(kShortRun + "--force --out " + parent.string() + "/new/");
  CHECK(forced.exit_code == 0);
  CHECK_FALSE(has_staging_folder(parent));

  const auto empty = run_discolab(kShortRun + "--out ''");
  CHECK(empty.exit_code == 2);
  CHECK_THAT(empty.err, Catch::Contains("--out"));
}

TEST_CASE("SIGINT and SIGTERM stop a run and remove its partial results", "[cli][signals]") {
  struct Case {
    std::string engine;
    int signal;
    int exit_code;
  };
  for (const Case& c : {Case{"fast", SIGINT, 130}, Case{"fast", SIGTERM, 143},
                        Case{"simgrid", SIGINT, 130}, Case{"simgrid", SIGTERM, 143}}) {
    DYNAMIC_SECTION(c.engine << " engine, signal " << c.signal) {
      const auto out = scratch("signal-" + c.engine + std::to_string(c.signal));
      BackgroundRun run(long_run(out, c.engine));
      REQUIRE(run.wait_for(staging_of(out, run.pid())));
      run.signal(c.signal);
      CHECK(run.wait() == c.exit_code);
      INFO(run.err());
      CHECK_THAT(run.err(), Catch::Contains("interrupted: removed partial results"));
      CHECK_FALSE(has_staging_folder(out.parent_path()));
      CHECK_FALSE(fs::exists(out));
    }
  }
}

TEST_CASE("an interrupted jsonl run ends with an error line", "[cli][signals][jsonl]") {
  const auto out = scratch("signal-jsonl");
  BackgroundRun run(long_run(out, "fast", "jsonl"));
  REQUIRE(run.wait_for(staging_of(out, run.pid())));
  run.signal(SIGINT);
  REQUIRE(run.wait() == 130);
  const auto lines = json_lines(run.out());
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back()["type"] == "error");
  CHECK(lines.back()["exit_code"] == 130);
  CHECK_THAT(lines.back()["message"].get<std::string>(), Catch::Contains("interrupted"));
}

TEST_CASE("after a SIGKILL the next run removes the stale partial folder", "[cli][signals]") {
  const auto out = scratch("killed");
  fs::path stale;
  {
    BackgroundRun run(long_run(out, "fast"));
    stale = staging_of(out, run.pid());
    REQUIRE(run.wait_for(stale));
    run.signal(SIGKILL);
    CHECK(run.wait() == 256 + SIGKILL);
  }
  REQUIRE(fs::exists(stale));
  const auto next = run_discolab(kShortRun + "--out " + out.parent_path().string() + "/other");
  CHECK(next.exit_code == 0);
  CHECK_THAT(next.err, Catch::Contains("removed partial results " + stale.string()));
  CHECK_FALSE(fs::exists(stale));
}

TEST_CASE("the seed option accepts exactly what the scenario's seed key accepts", "[cli][seed]") {
  for (const char* bad : {"-1", "99999999999999999999999", "18446744073709551616", "1e3", "x"}) {
    DYNAMIC_SECTION("--seed " << bad) {
      const auto r =
          run_discolab(kShortRun + "--seed " + bad + " --out " + scratch("seed-bad").string());
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.err, Catch::Contains("--seed: expected a whole number"));
      const auto yaml =
          run_discolab(std::string("validate scenarios/quickstart.yaml --set seed=") + bad);
      CHECK(yaml.exit_code == 2);
      CHECK_THAT(yaml.err, Catch::Contains("seed: expected a whole number"));
    }
  }
  const auto out = scratch("seed-max");
  const auto r = run_discolab(kShortRun + "--seed 18446744073709551615 --out " + out.string());
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(read_file(out / "summary.json"))["seed"].get<std::uint64_t>() ==
        18446744073709551615ULL);
  CHECK(run_discolab("validate scenarios/quickstart.yaml --set seed=18446744073709551615")
            .exit_code == 0);
}

TEST_CASE("a bare scenario file name finds its platform file", "[cli][paths]") {
  const auto r = run_discolab("validate two-sites.yaml", "scenarios");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("valid"));
}

TEST_CASE("a broken platform XML is bad input, at its file and line", "[cli][paths]") {
  const auto dir = scratch("broken-xml");
  fs::create_directories(dir);
  {
    std::ofstream xml(dir / "broken.xml");
    xml << "<?xml version='1.0'?>\n"
           "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
           "<platform version=\"4.1\">\n"
           "  <zone id=\"z\" routing=\"Full\">\n"
           "    <host id=\"a\" speed=\"1Gf\"/>\n"
           "    <host id=\"b\" speed=\"1Gf\">\n"
           "  </zone>\n"
           "</platform>\n";
    std::ofstream yaml(dir / "s.yaml");
    yaml << "platform: {topology: file, file: broken.xml}\nservices: [{name: web}]\n";
  }
  const auto v = run_discolab("validate " + (dir / "s.yaml").string());
  CHECK(v.exit_code == 2);
  // SimGrid finds the unclosed <host> at line 7, where </zone> comes instead of </host>.
  CHECK_THAT(v.err, Catch::Contains((dir / "broken.xml").string() + ":7: platform.file"));
  CHECK_THAT(v.err, Catch::Contains("platform.file"));
  const auto r =
      run_discolab("run " + (dir / "s.yaml").string() + " --quiet --out " + (dir / "out").string());
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "out"));
}

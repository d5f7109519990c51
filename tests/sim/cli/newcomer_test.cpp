// What a new user meets first: names, messages, sizes up front, and the jsonl error line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("a mistyped command gets a suggestion", "[cli][messages]") {
  const auto r = run_discolab("runn scenarios/quickstart.yaml");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown subcommand 'runn' — did you mean 'run'?"));
  const auto far = run_discolab("frobnicate");
  CHECK(far.exit_code == 2);
  CHECK_THAT(far.err, Catch::Contains("unknown subcommand 'frobnicate'"));
}

TEST_CASE("jsonl runs that fail on bad input write one error line", "[cli][jsonl]") {
  for (const char* args : {"run tests/data/scenarios/bad/unknown_keys.yaml --progress jsonl",
                           "run scenarios/quickstart.yaml --progress jsonl --seed -1",
                           "run scenarios/quickstart.yaml --progress jsonl --engine warp"}) {
    DYNAMIC_SECTION(args) {
      const auto r = run_discolab(args);
      CHECK(r.exit_code == 2);
      std::istringstream lines(r.out);
      std::string line, last;
      int count = 0;
      while (std::getline(lines, line)) {
        last = line;
        ++count;
      }
      REQUIRE(count == 1);
      const json error = json::parse(last);
      CHECK(error["type"] == "error");
      CHECK(error["exit_code"] == 2);
      CHECK_FALSE(error["message"].get<std::string>().empty());
    }
  }
}

TEST_CASE("a binary scenario file is not printed to the terminal", "[cli][messages]") {
  const auto dir = scratch("binary");
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "s.yaml", std::ios::binary);
    out << std::string("name: x\n\x00\x01\x02\xff\xfe garbage \x1b[31m", 28);
  }
  const auto r = run_discolab("validate " + (dir / "s.yaml").string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("not a text file"));
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find('\xff') == std::string::npos);
}

TEST_CASE("validate prints the size, with singular and plural right", "[cli][size]") {
  const auto two = run_discolab("validate scenarios/two-sites.yaml");
  REQUIRE(two.exit_code == 0);
  CHECK_THAT(two.out, Catch::Contains("5 hosts, 1 service, 10 containers, 10 callers"));
  CHECK_THAT(two.out, Catch::Contains("requests offered"));
  const auto quick = run_discolab("validate scenarios/quickstart.yaml --set clients.0.count=1");
  REQUIRE(quick.exit_code == 0);
  CHECK_THAT(quick.out, Catch::Contains("services"));
  CHECK_THAT(quick.out, Catch::Contains(", 1 caller,"));
}

TEST_CASE("run says its size and expected time, and asks before a huge run", "[cli][size]") {
  const auto out = scratch("sized");
  const auto r = run_discolab(
      "run scenarios/quickstart.yaml --set duration=5s --set metrics.warmup=0s --out " +
      out.string());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("requests offered; expected wall time"));

  SECTION("a run of many hours") {
    const auto big = scratch("huge");
    const auto h =
        run_discolab("run scenarios/quickstart.yaml --set duration=2000h --out " + big.string());
    CHECK(h.exit_code == 2);
    CHECK_THAT(h.err, Catch::Contains("expected to take"));
    CHECK_THAT(h.err, Catch::Contains("--yes"));
    CHECK_FALSE(fs::exists(big));
  }
  SECTION("more containers per host than the model allows") {
    const auto big = scratch("packed");
    const auto h = run_discolab(
        "run scenarios/quickstart.yaml --set services.0.replicas=5000 --out " + big.string());
    CHECK(h.exit_code == 2);
    CHECK_THAT(h.err, Catch::Contains("per host"));
    CHECK_THAT(h.err, Catch::Contains("--yes"));
    CHECK_FALSE(fs::exists(big));
  }
}

TEST_CASE("set overrides show in the default folder name and the resolved scenario",
          "[cli][folders]") {
  const auto dir = scratch("default-name");
  fs::create_directories(dir);
  const std::string scenario = std::string(DISCOLAB_SOURCE_DIR) + "/scenarios/quickstart.yaml";
  const auto r = run_discolab(
      "run " + scenario + " --set duration=5s --set metrics.warmup=0s --quiet", dir.string());
  REQUIRE(r.exit_code == 0);
  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(dir / "results" / "quickstart"))
    runs.push_back(e.path());
  REQUIRE(runs.size() == 1);
  const std::string name = runs[0].filename().string();
  CHECK(std::regex_match(name, std::regex("client-side-seed1-fast-set[0-9a-f]{8}")));
  const std::string resolved = read_file(runs[0] / "scenario.resolved.yaml");
  CHECK_THAT(resolved, Catch::Contains("#   --set duration=5s"));
  CHECK_THAT(resolved, Catch::Contains("#   --set metrics.warmup=0s"));
  // The same overrides in another order name the same folder (with -2: it is taken).
  const auto again = run_discolab(
      "run " + scenario + " --set metrics.warmup=0s --set duration=5s --quiet", dir.string());
  REQUIRE(again.exit_code == 0);
  CHECK(fs::exists(dir / "results" / "quickstart" / (name + "-2")));
}

TEST_CASE("scripts/setup.sh --help prints a usage text", "[cli][messages]") {
  const std::string out = (fs::temp_directory_path() / "discolab-setup-help").string();
  const std::string cmd =
      std::string("bash '") + DISCOLAB_SOURCE_DIR + "/scripts/setup.sh' --help >'" + out + "' 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string text = read_file(out);
  CHECK(text.rfind("Usage: scripts/setup.sh", 0) == 0);
  CHECK_THAT(text, Catch::Contains("--no-gui"));
  CHECK(text.find("set -euo") == std::string::npos);
}

TEST_CASE("validate refuses what run would refuse: the pattern's own settings", "[cli][messages]") {
  // A propagation mode client-side does not implement: "valid" used to come before run's no.
  auto r = run_discolab(
      "validate scenarios/quickstart.yaml --set patterns.client_side.propagation.mode=watch");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("patterns.client_side.propagation.mode"));
  CHECK(r.out.find("valid") == std::string::npos);
  // Another pattern's own refusal.
  r = run_discolab(
      "validate scenarios/quickstart.yaml --set pattern=central-lb "
      "--set patterns.central_lb.balancing.policy=dns-rotated");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("patterns.central_lb.balancing.policy"));
  // What every runnable setting gives: valid.
  r = run_discolab(
      "validate scenarios/quickstart.yaml --set patterns.client_side.registration.mode=sidecar");
  CHECK(r.exit_code == 0);
}

// run_compare against a stand-in for `discolab run`: a shell script that speaks the JSON-lines
// protocol, so that failures and interruptions can be staged exactly.
#include "sim/compare/compare_run.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace discolab;
using namespace discolab::compare;
namespace fs = std::filesystem;

namespace {

// Prints start, progress and done with a summary whose p99 is 10 × seed (pattern "b": + 5).
// Pattern "flaky" fails at seed 2 with an error line; "slow" sleeps.
const char* kFakeRun = R"(#!/bin/sh
pattern=""; seed=""; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pattern) pattern=$2; shift ;;
    --seed) seed=$2; shift ;;
    --out) out=$2; shift ;;
  esac
  shift
done
echo '{"type":"start"}'
if [ "$pattern" = slow ]; then exec sleep 30; fi
if [ "$pattern" = flaky ] && [ "$seed" = 2 ]; then
  echo '{"type":"error","message":"boom at seed 2"}'
  echo 'discolab: error: boom at seed 2' >&2
  exit 1
fi
mkdir -p "$out"
p99=$((seed * 10))
[ "$pattern" = b ] && p99=$((p99 + 5))
echo '{"type":"progress","fraction":0.5}'
echo "{\"type\":\"done\",\"summary\":{\"latency\":{\"p99_ms\":$p99,\"samples\":400},\"requests\":{\"failure_rate\":0}}}"
)";

std::string fake_program() {
  const fs::path p = fs::temp_directory_path() / ("discolab-fake-run-" + std::to_string(getpid()));
  std::ofstream(p) << kFakeRun;
  fs::permissions(p, fs::perms::owner_all);
  return p.string();
}

fs::path fresh(const std::string& name) {
  const fs::path p =
      fs::temp_directory_path() / ("discolab-compare-" + std::to_string(getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p.parent_path());
  return p;
}

CompareRequest request(std::vector<std::string> patterns, int seeds, const fs::path& out) {
  CompareRequest r;
  r.scenario_path = "fake.yaml";
  r.patterns = std::move(patterns);
  r.seeds = seeds;
  r.first_seed = 1;
  r.parallel = 2;
  r.out = out;
  r.program = fake_program();
  return r;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("compare runs every pattern on every seed and writes the comparison", "[compare]") {
  Scenario sc;
  sc.name = "fake";
  const fs::path out = fresh("ok");
  const auto result = run_compare(request({"a", "b"}, 3, out), sc, nullptr, nullptr);
  CHECK(result.failed == 0);
  CHECK(result.runs.size() == 6);
  CHECK(fs::exists(out / "runs" / "a-seed1"));
  CHECK(fs::exists(out / "runs" / "b-seed3"));
  const std::string csv = read(out / "comparison.csv");
  // a: p99 10, 20, 30 -> mean 20; b: 15, 25, 35 -> mean 25; both with n = 3 runs of 400
  // latency samples each.
  CHECK(csv.find("a,latency.p99_ms,ms,lower,3,1200,20,") != std::string::npos);
  CHECK(csv.find("b,latency.p99_ms,ms,lower,3,1200,25,") != std::string::npos);
  const auto meta = nlohmann::json::parse(read(out / "compare.json"));
  CHECK(meta["seeds"] == 3);
  CHECK(meta["runs"].size() == 6);
  CHECK(result.table.find("a (n=3)") != std::string::npos);
}

TEST_CASE("a failing child is reported and the others finish", "[compare]") {
  Scenario sc;
  sc.name = "fake";
  const fs::path out = fresh("flaky");
  const auto result = run_compare(request({"flaky", "a"}, 3, out), sc, nullptr, nullptr);
  CHECK(result.failed == 1);
  std::size_t ok = 0;
  for (const auto& r : result.runs) {
    if (r.pattern == "flaky" && r.seed == 2) {
      CHECK_FALSE(r.ok);
      CHECK(r.exit_code == 1);
      CHECK(r.error == "boom at seed 2");
    } else {
      ok += r.ok;
    }
  }
  CHECK(ok == 5);
  const std::string csv = read(out / "comparison.csv");
  CHECK(csv.find("flaky,latency.p99_ms,ms,lower,2,800,20,") != std::string::npos);  // seeds 1 and 3
  CHECK(read(out / "compare.json").find("boom at seed 2") != std::string::npos);
}

TEST_CASE("an interrupted compare stops its children and leaves no folder", "[compare]") {
  Scenario sc;
  sc.name = "fake";
  const fs::path out = fresh("interrupted");
  int flag = 0;
  int calls = 0;
  const auto result = run_compare(
      request({"slow"}, 4, out), sc,
      [&](const CompareProgress&) {
        if (++calls == 2) flag = SIGTERM;
      },
      [&] { return flag; });
  CHECK(result.interrupted);
  CHECK(result.signal == SIGTERM);
  CHECK_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(out.parent_path()))
    CHECK(entry.path().filename().string().rfind("interrupted", 0) != 0);
}

TEST_CASE("compare refuses an existing folder before starting anything", "[compare]") {
  Scenario sc;
  sc.name = "fake";
  const fs::path out = fresh("exists");
  fs::create_directories(out);
  CHECK_THROWS_AS(run_compare(request({"a"}, 1, out), sc, nullptr, nullptr), std::invalid_argument);
  CHECK_THROWS_AS(run_compare(request({}, 1, fresh("none")), sc, nullptr, nullptr),
                  std::invalid_argument);
}

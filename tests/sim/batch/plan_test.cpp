// The plan: order, shards, run keys, and sweep parameters checked through the --set code.
#include "sim/batch/plan.h"

#include <catch2/catch.hpp>
#include <set>

#include "sim/batch/sha256.h"
#include "sim/scenario/scenario_error.h"

using namespace discolab;
using namespace discolab::batch;

namespace {

const std::string kSource = std::string(DISCOLAB_SOURCE_DIR) + "/tests/sim/batch/data/t.yaml";

Plan plan_of(const std::string& yaml) { return make_plan(parse_sweep(yaml, kSource)); }

std::string plan_errors(const std::string& yaml) {
  try {
    plan_of(yaml);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

const std::string kSmall =
    "scenario: tiny.yaml\npatterns: [dns, client-side]\nseeds: 2\n"
    "parameters:\n  patterns.dns.dns.server.ttl: [1s, 10s]\n";

}  // namespace

TEST_CASE("SHA-256 of known inputs", "[batch][plan]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("the plan runs points, then seeds, then patterns", "[batch][plan]") {
  const Plan plan = plan_of(kSmall);
  REQUIRE(plan.runs.size() == 8);
  CHECK(describe_plan(plan) == "2 points × 2 patterns × 2 seeds = 8 runs");
  CHECK(plan.seeds == std::vector<std::uint64_t>{1, 2});  // from the scenario's seed
  CHECK(plan.engine == "fast");
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const PlannedRun& r = plan.runs[i];
    CHECK(r.plan_index == i);
    CHECK(r.point == i / 4);
    CHECK(r.seed == 1 + (i / 2) % 2);
    CHECK(r.pattern == (i % 2 == 0 ? "dns" : "client-side"));
  }
  CHECK(plan.points[1].params[0].value == "10s");
  CHECK(plan.points[1].sets == std::vector<std::string>{"patterns.dns.dns.server.ttl=10s"});
}

TEST_CASE("shards split the plan by plan_index modulo N", "[batch][plan]") {
  const Shard s = parse_shard("2/3");
  CHECK(s.k == 2);
  CHECK(s.n == 3);
  CHECK(s.text() == "2/3");
  std::multiset<std::size_t> seen;
  for (std::size_t k = 1; k <= 3; ++k)
    for (std::size_t i = 0; i < 20; ++i)
      if (Shard{k, 3}.holds(i)) {
        seen.insert(i);
        CHECK(i % 3 == k - 1);
      }
  CHECK(seen.size() == 20);
  CHECK(std::set<std::size_t>(seen.begin(), seen.end()).size() == 20);
  CHECK(Shard{}.holds(7));
  CHECK(Shard{}.text().empty());
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", ""})
    CHECK_THROWS_AS(parse_shard(bad), std::invalid_argument);
}

TEST_CASE("a run key names what the run is, not where it stands in the plan", "[batch][plan]") {
  const Plan a = plan_of(kSmall);
  const Plan again = plan_of(kSmall);
  const Plan reversed = plan_of(
      "scenario: tiny.yaml\npatterns: [client-side, dns]\nseeds: [2, 1]\n"
      "parameters:\n  patterns.dns.dns.server.ttl: [10s, 1s]\n");
  std::set<std::string> keys, reversed_keys;
  for (std::size_t i = 0; i < a.runs.size(); ++i) {
    CHECK(a.runs[i].run_key == again.runs[i].run_key);
    keys.insert(a.runs[i].run_key);
    reversed_keys.insert(reversed.runs[i].run_key);
  }
  CHECK(keys.size() == 8);  // all different
  CHECK(keys == reversed_keys);
  CHECK(reversed.runs[0].run_key != a.runs[0].run_key);  // but elsewhere in the plan
  // The key is the documented hash, and the scenario hash does not depend on seed or pattern.
  const PlannedRun& r = a.runs[5];
  CHECK(r.run_key == run_key(a.points[r.point].resolved_text, r.pattern, r.seed, a.engine));
  CHECK(a.points[0].scenario_hash == sha256_hex(a.points[0].resolved_text));
  CHECK(a.points[0].scenario_hash != a.points[1].scenario_hash);
  CHECK(a.points[0].resolved_text.find("seed: 0") != std::string::npos);
  CHECK(a.points[0].resolved_text.find('#') != 0);
  // Another engine is another run.
  const Plan simgrid = plan_of(kSmall + "engine: simgrid\n");
  CHECK(simgrid.runs[0].run_key != a.runs[0].run_key);
}

TEST_CASE("a parameter the scenario does not accept fails at the sweep's line", "[batch][plan]") {
  CHECK_THAT(plan_errors("scenario: tiny.yaml\nparameters:\n  patterns.dns.dns.server.tll: [1s]\n"),
             Catch::Contains(kSource + ":3:33: parameters.patterns.dns.dns.server.tll:") &&
                 Catch::Contains("did you mean \"ttl\""));
  CHECK_THAT(
      plan_errors("scenario: tiny.yaml\nparameters:\n  patterns.dns.dns.server.ttl: [1s, fast]\n"),
      Catch::Contains(kSource + ":3:37: parameters.patterns.dns.dns.server.ttl:") &&
          Catch::Contains("(value fast)"));
  CHECK_THAT(plan_errors("scenario: tiny.yaml\nparameters:\n  services.web.replicas: "
                         "{from: 2, to: 3, count: 3}\n"),
             Catch::Contains(kSource + ":3:26: parameters.services.web.replicas:") &&
                 Catch::Contains("value 2.5"));
}

// Sweep files: their shape, values, ranges, zipped groups and errors at file:line:column.
#include "sim/batch/sweep.h"

#include <catch2/catch.hpp>

#include "sim/scenario/scenario_error.h"

using namespace discolab;
using namespace discolab::batch;

namespace {

const std::string kSource = std::string(DISCOLAB_SOURCE_DIR) + "/tests/sim/batch/data/t.yaml";

std::vector<std::string> texts(const SweepParameter& p) {
  std::vector<std::string> out;
  for (const auto& v : p.values) out.push_back(v.text);
  return out;
}

// The issues of a rejected sweep, one per line.
std::string errors_of(const std::string& yaml) {
  try {
    parse_sweep(yaml, kSource);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a sweep names its scenario, patterns, seeds and parameters", "[batch][sweep]") {
  const Sweep s = parse_sweep(
      "name: ttl\nscenario: tiny.yaml\nengine: fast\npatterns: [dns, client-side]\n"
      "seeds: {first: 3, count: 4}\nparameters:\n  patterns.dns.dns.server.ttl: [1s, 5s]\n",
      kSource);
  CHECK(s.name == "ttl");
  CHECK(s.scenario.filename() == "tiny.yaml");
  CHECK(s.engine == "fast");
  CHECK(s.patterns == std::vector<std::string>{"dns", "client-side"});
  CHECK(s.seeds.first == 3u);
  CHECK(s.seeds.count == 4u);
  REQUIRE(s.parameters.size() == 1);
  CHECK(texts(s.parameters[0]) == std::vector<std::string>{"1s", "5s"});
  CHECK(s.parameters[0].values[1].num == Approx(5.0));
  CHECK(s.parameters[0].values[1].where == kSource + ":7:37");
}

TEST_CASE("linear and log ranges expand in from's unit", "[batch][sweep]") {
  const Sweep s = parse_sweep(
      "scenario: tiny.yaml\nparameters:\n"
      "  a: {from: 0.1, to: 1.0, step: 0.3}\n"
      "  b: {from: 10s, to: 40s, count: 4}\n"
      "  c: {from: 1s, to: 60s, count: 4, scale: log}\n"
      "  d: {from: 2/h, to: 8/h, step: 3/h}\n"
      "  e: {from: 2, to: 64, count: 6, scale: log}\n",
      kSource);
  REQUIRE(s.parameters.size() == 5);
  CHECK(texts(s.parameters[0]) == std::vector<std::string>{"0.1", "0.4", "0.7", "1"});
  CHECK(texts(s.parameters[1]) == std::vector<std::string>{"10s", "20s", "30s", "40s"});
  CHECK(texts(s.parameters[2]) == std::vector<std::string>{"1s", "3.915s", "15.33s", "60s"});
  CHECK(texts(s.parameters[3]) == std::vector<std::string>{"2/h", "5/h", "8/h"});
  CHECK(texts(s.parameters[4]) == std::vector<std::string>{"2", "4", "8", "16", "32", "64"});
  // num is in the base unit: seconds, per second.
  CHECK(*s.parameters[2].values[3].num == Approx(60.0));
  CHECK(*s.parameters[3].values[0].num == Approx(2.0 / 3600));
  CHECK_FALSE(parse_sweep("scenario: tiny.yaml\nparameters:\n  a: [round-robin]\n", kSource)
                  .parameters[0]
                  .values[0]
                  .num.has_value());
}

TEST_CASE("points are the product of the axes, zipped groups varying together", "[batch][sweep]") {
  const Sweep s = parse_sweep(
      "scenario: tiny.yaml\nparameters:\n  a: [1, 2]\n  b: [x, y, z]\n  c: [p, q, r]\n"
      "zip: [[b, c]]\n",
      kSource);
  REQUIRE(s.axes.size() == 2);
  const auto points = expand_points(s);
  // a outermost; b and c together, c never independent of b.
  const std::vector<std::vector<std::size_t>> expected{{0, 0, 0}, {0, 1, 1}, {0, 2, 2},
                                                       {1, 0, 0}, {1, 1, 1}, {1, 2, 2}};
  CHECK(points == expected);
  const Sweep none = parse_sweep("scenario: tiny.yaml\n", kSource);
  CHECK(expand_points(none).size() == 1);
  CHECK(none.patterns.empty());  // all runnable patterns
}

TEST_CASE("sweep errors name file, line, column and key", "[batch][sweep]") {
  CHECK_THAT(errors_of("scenario: tiny.yaml\nseeds: 3\nparamters: {}\n"),
             Catch::Contains(kSource + ":3:1") && Catch::Contains("did you mean \"parameters\""));
  CHECK_THAT(errors_of("scenario: tiny.yaml\npatterns: [dns, nope]\n"),
             Catch::Contains(kSource + ":2:17: patterns:") && Catch::Contains("nope"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nparameters:\n  a: {from: 1s, to: 2s}\n"),
             Catch::Contains(kSource + ":3:6: parameters.a:") &&
                 Catch::Contains("exactly one of step and count"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nparameters:\n  a: {from: 1s, to: 5, step: 1s}\n"),
             Catch::Contains(kSource + ":3:21: parameters.a.to:"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nparameters:\n  a: {from: 0, to: 5, count: 3, "
                       "scale: log}\n"),
             Catch::Contains("from above 0"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nparameters:\n  a: [1, 2]\n  b: [1, 2, 3]\n"
                       "zip: [[a, b]]\n"),
             Catch::Contains(kSource + ":5:11: zip:") && Catch::Contains("as many"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nparameters:\n  seed: [1, 2]\n"),
             Catch::Contains(kSource + ":3:3: parameters.seed:") && Catch::Contains("\"seeds\""));
  CHECK_THAT(errors_of("scenario: missing.yaml\n"),
             Catch::Contains(kSource + ":1:11: scenario:") && Catch::Contains("no scenario"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nseeds: [1, 1]\n"), Catch::Contains("twice"));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nseeds: {first: -1, count: 2}\n"),
             Catch::Contains(kSource + ":2:16: seeds.first:"));
  CHECK_THAT(errors_of("patterns: all\n"), Catch::Contains("missing required key \"scenario\""));
  CHECK_THAT(errors_of("scenario: [\n"), Catch::Contains("YAML syntax error"));
}

// Found by fuzz/sweep_fuzzer.cpp: a seeds mapping without count used to escape as yaml-cpp's
// "invalid node" with no file or key; a product of large ranges used to exhaust memory while
// the plan was expanded.
TEST_CASE("fuzzed sweeps: seeds without count, and a plan too large to expand",
          "[batch][sweep][fuzz]") {
  CHECK_THAT(errors_of("scenario: tiny.yaml\nseeds: {first: 1, coun4: 3}\n"),
             Catch::Contains(kSource + ":2:19: seeds:") &&
                 Catch::Contains("unknown key \"coun4\"") && Catch::Contains("missing \"count\""));
  CHECK_THAT(errors_of("scenario: tiny.yaml\nseeds: {first: 1}\n"),
             Catch::Contains("seeds:") && Catch::Contains("missing \"count\""));
  // The mapping is still read right when count is there (it is not rebound to count's node).
  const Sweep ok = parse_sweep("scenario: tiny.yaml\nseeds: {count: 2, first: 5}\n", kSource);
  CHECK(ok.seeds.first == 5u);
  CHECK(ok.seeds.count == 2u);
  CHECK_THAT(errors_of("scenario: tiny.yaml\nparameters:\n"
                       "  a: {from: 1, to: 10000, step: 1}\n  b: {from: 1, to: 10000, step: 1}\n"),
             Catch::Contains("parameters:") &&
                 Catch::Contains("expand to 100000000 points, more than 1000000"));
  // A range without from (here misspelt) used to throw yaml-cpp's "invalid node" while `to` was
  // checked against it.
  const std::string no_from = errors_of(
      "scenario: tiny.yaml\nparameters:\n"
      "  a: {fromx: 1s, to: 16s, count: 3}\n");
  CHECK_THAT(no_from, Catch::Contains("parameters.a:") && Catch::Contains("unknown range key") &&
                          Catch::Contains("a range needs from"));
  CHECK_THAT(no_from, !Catch::Contains("invalid node"));
  // Zipped, the same two ranges are one axis of 10 000 points.
  CHECK(errors_of("scenario: tiny.yaml\nparameters:\n  a: {from: 1, to: 10000, step: 1}\n"
                  "  b: {from: 1, to: 10000, step: 1}\nzip: [[a, b]]\n")
            .empty());
}

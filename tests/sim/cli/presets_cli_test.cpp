// `discolab presets`, `run/validate --preset` and `compare --patterns` with preset names, on
// the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;

TEST_CASE("discolab presets lists one line per preset: name, pattern, description, source",
          "[presets][cli]") {
  const auto r = run_discolab("presets");
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  int count = 0;
  bool eureka = false;
  for (std::string line; std::getline(lines, line); ++count) {
    CHECK(line.find(" [") != std::string::npos);  // the source, in brackets
    if (line.rfind("eureka-ribbon ", 0) == 0) eureka = line.find("client-side") != line.npos;
  }
  CHECK(count >= 15);
  CHECK(eureka);
  // From another folder, the presets are found above the program; --presets names a folder.
  CHECK(run_discolab("presets", "/").exit_code == 0);
  const auto missing = run_discolab("presets --presets /no/such/folder");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--presets: no folder named /no/such/folder"));
}

TEST_CASE("every preset validates on the quickstart scenario", "[presets][cli]") {
  const auto list = run_discolab("presets");
  std::istringstream lines(list.out);
  for (std::string line; std::getline(lines, line);) {
    const std::string name = line.substr(0, line.find(' '));
    const auto r = run_discolab("validate scenarios/quickstart.yaml --preset " + name);
    INFO(name << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("(preset " + name + ")"));
  }
}

TEST_CASE("run --preset runs the preset's pattern with its keys", "[presets][cli]") {
  const auto out = scratch("preset-run");
  const auto r = run_discolab(
      "run tests/data/presets/crash-churn.yaml --preset eureka-ribbon --set duration=1m "
      "--quiet --out " +
      out.string());
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(read_file(out / "summary.json"));
  CHECK(s.at("pattern") == "client-side");
  const std::string resolved = read_file(out / "scenario.resolved.yaml");
  CHECK_THAT(resolved, Catch::Contains("list_refresh_interval: 30s"));
  CHECK_THAT(resolved, Catch::Contains("eureka_double_expiry: true"));
  const auto clash = run_discolab(
      "run tests/data/presets/crash-churn.yaml --preset eureka-ribbon --pattern dns --quiet");
  CHECK(clash.exit_code == 2);
  CHECK_THAT(clash.err, Catch::Contains("configures client-side, not --pattern dns"));
}

TEST_CASE("compare --patterns takes preset names as columns", "[presets][cli][compare]") {
  const auto out = scratch("preset-compare");
  const auto r = run_discolab(
      "compare tests/data/presets/crash-churn.yaml --set duration=2m --seeds 1 -j 2 -q "
      "--patterns eureka-ribbon,client-side,coredns-kube-dns+resolver-jvm --out " +
      out.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("eureka-ribbon"));
  const json c = json::parse(read_file(out / "compare.json"));
  CHECK(c.at("column_patterns").at("eureka-ribbon") == "client-side");
  CHECK(c.at("column_patterns").at("coredns-kube-dns+resolver-jvm") == "dns");
  CHECK(c.at("column_patterns").at("client-side") == "client-side");
  const json s =
      json::parse(read_file(out / "runs" / "coredns-kube-dns+resolver-jvm-seed1" / "summary.json"));
  CHECK(s.at("pattern") == "dns");
  const std::string csv = read_file(out / "comparison.csv");
  CHECK_THAT(csv, Catch::Contains("\neureka-ribbon,"));

  const auto unknown = run_discolab(
      "compare tests/data/presets/crash-churn.yaml --patterns eurka-ribbon --seeds 1 -q");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("is neither a pattern (client-side, dns"));
  CHECK_THAT(unknown.err, Catch::Contains("kube-proxy-iptables"));
}

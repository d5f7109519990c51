#include "sim/scenario/resolved_writer.h"

#include <yaml-cpp/yaml.h>

#include "scenario_test_support.h"
#include "sim/scenario/schema.h"

using namespace discolab;

namespace {

// Writes the resolved text, loads it back, and checks both the Scenario and the re-emitted
// text come out the same.
void check_round_trip(const Scenario& original, const RunStamp& stamp) {
  const std::string text = to_resolved_yaml(original, stamp);
  INFO(text);
  const std::string path = test::write_temp_file("scenario.resolved.yaml", text);
  Scenario reloaded = load_scenario(path);
  CHECK(to_resolved_yaml(reloaded, stamp) == text);

  Scenario expected = original;
  expected.seed = stamp.seed;
  expected.engine = stamp.engine;
  expected.pattern = stamp.pattern;
  reloaded.source_path = expected.source_path;
  CHECK(reloaded == expected);
}

}  // namespace

TEST_CASE("the resolved full example loads back identical and re-emits the same bytes") {
  const Scenario full = load_scenario(test::scenario_data("full.yaml"));
  check_round_trip(full, RunStamp::of(full, "0.1.0+test"));
}

TEST_CASE("a resolved file with every default round-trips") {
  const Scenario minimal =
      load_scenario(test::write_temp_file("minimal.yaml", "services: [{name: web}]\n"));
  check_round_trip(minimal, RunStamp::of(minimal, ""));
}

TEST_CASE("awkward values survive the round trip exactly") {
  Scenario s = load_scenario(test::scenario_data("full.yaml"));
  s.name = "true";
  s.description = "line one\nline two: with \"quotes\", a # and trailing space ";
  s.services[0].version = "1.0";
  s.services[0].service_time.sigma = 1.0 / 3.0;
  s.clients[0].rate_per_s = 1.0 / 7.0;
  s.clients[0].bursts[0].factor = 2.0 / 3.0;
  s.platform.host_link.bandwidth_bps = 1234567.891;
  s.platform.host_speed_flops = 3.3e9;
  s.churn.crashes.rate_per_instance_per_s = 1e-7;
  s.duration = Duration{1234567890123};  // 20.6 minutes, to the nanosecond
  s.seed = 18446744073709551615ULL;
  s.patterns.client_side.registry.host = "";
  check_round_trip(s, RunStamp::of(s, "v"));
}

TEST_CASE("the run stamp's seed, engine and pattern are written, and the version noted") {
  const Scenario full = load_scenario(test::scenario_data("full.yaml"));
  const RunStamp stamp{99, "fast", "dns", "0.1.0+abc123", {}};
  const std::string text = to_resolved_yaml(full, stamp);
  CHECK_THAT(text, Catch::Contains("0.1.0+abc123"));
  const YAML::Node root = YAML::Load(text);
  CHECK(root["seed"].as<std::uint64_t>() == 99);
  CHECK(root["engine"].Scalar() == "fast");
  CHECK(root["pattern"].Scalar() == "dns");
  check_round_trip(full, stamp);
}

TEST_CASE("the resolved file lists keys in schema order") {
  const Scenario full = load_scenario(test::scenario_data("full.yaml"));
  const YAML::Node root = YAML::Load(to_resolved_yaml(full, RunStamp::of(full, "")));
  std::vector<std::string> written;
  for (const auto& entry : root) written.push_back(entry.first.Scalar());
  std::vector<std::string> schema_order;
  for (const SchemaEntry& entry : scenario_schema())
    if (entry.path.find_first_of(".[") == std::string::npos) schema_order.push_back(entry.path);
  CHECK(written == schema_order);
}

TEST_CASE("set overrides are recorded, and the file still loads back identical") {
  const std::vector<std::string> sets = {"duration=20m", "services.web.replicas=8"};
  const Scenario full = load_scenario(test::scenario_data("full.yaml"), sets);
  RunStamp stamp = RunStamp::of(full, "v");
  stamp.overrides = sets;
  const std::string text = to_resolved_yaml(full, stamp);
  CHECK_THAT(text, Catch::Contains("#   --set duration=20m\n#   --set services.web.replicas=8\n"));
  check_round_trip(full, stamp);
}

TEST_CASE("metrics.warmup: auto is written back as auto") {
  const Scenario full = load_scenario(test::scenario_data("full.yaml"), {"metrics.warmup=auto"});
  const std::string text = to_resolved_yaml(full, RunStamp::of(full, "v"));
  CHECK(YAML::Load(text)["metrics"]["warmup"].Scalar() == "auto");
  check_round_trip(full, RunStamp::of(full, "v"));
}

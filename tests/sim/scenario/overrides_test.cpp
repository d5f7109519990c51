#include "scenario_test_support.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

const std::string kTwoServices =
    "services:\n  - name: web\n    replicas: 2\n  - name: db\n"
    "clients:\n  - {name: users, target: web}\n"
    "churn:\n  crashes: {services: [db]}\n";

Scenario load_with(const std::vector<std::string>& sets) {
  return load_scenario(test::write_temp_file("two_services.yaml", kTwoServices), sets);
}

std::string error_with(const std::vector<std::string>& sets) {
  return test::load_error(test::write_temp_file("two_services.yaml", kTwoServices), sets).what();
}

}  // namespace

TEST_CASE("overrides: --set picks list items by name or by index") {
  CHECK(load_with({"services.web.replicas=8"}).services[0].replicas == 8);
  CHECK(load_with({"services.1.replicas=5"}).services[1].replicas == 5);
  CHECK(load_with({"services.db.service_time.mean=9ms"}).services[1].service_time.mean == 9ms);
  CHECK(load_with({"clients.users.rate=30/m"}).clients[0].rate_per_s == 0.5);
}

TEST_CASE("overrides: --set creates the mappings a file leaves out and converts units") {
  const Scenario s =
      load_with({"churn.crashes.rate_per_instance=6/h",
                 "patterns.client_side.propagation.fetch_interval=5s", "metrics.interval=2s"});
  CHECK(s.churn.crashes.rate_per_instance_per_s == 6.0 / 3600.0);
  CHECK(s.patterns.client_side.propagation.fetch_interval == 5s);
  CHECK(s.metrics.interval == 2s);
}

TEST_CASE("overrides: --set replaces lists and list items, and later overrides win") {
  CHECK(load_with({"churn.crashes.services=[web, db]"}).churn.crashes.services ==
        std::vector<std::string>{"web", "db"});
  CHECK(load_with({"churn.crashes.services.0=web"}).churn.crashes.services ==
        std::vector<std::string>{"web"});
  CHECK(load_with({"clients.users.bursts=[{at: 1m, duration: 5s, factor: 2}]"})
            .clients[0]
            .bursts.size() == 1);
  CHECK(load_with({"services.web.replicas=8", "services.0.replicas=9"}).services[0].replicas == 9);
  CHECK(load_with({"description=a=b"}).description == "a=b");  // split at the first '='
}

TEST_CASE("a bad --set path names the override and suggests a key") {
  CHECK_THAT(error_with({"services.web.replics=3"}),
             Catch::Equals("--set services.web.replics: services[0]: unknown key \"replics\"; "
                           "did you mean \"replicas\"?"));
  CHECK_THAT(error_with({"servics.web.replicas=3"}),
             Catch::Equals("--set servics.web.replicas: unknown key \"servics\"; did you mean "
                           "\"services\"?"));
  CHECK_THAT(error_with({"services.api.replicas=1"}),
             Catch::Equals("--set services.api.replicas: services: \"api\" is not an item index "
                           "or one of the names: web, db"));
  CHECK_THAT(error_with({"services.5.replicas=1"}),
             Catch::Contains("services: no item 5 (indexes run from 0 to 1, or use a name)"));
  CHECK_THAT(error_with({"duration.x=1"}), Catch::Contains("--set duration.x: duration: a single "
                                                           "value; nothing is below it"));
  CHECK_THAT(error_with({"services.web.replicas"}),
             Catch::Equals("--set services.web.replicas: expected key.path=value"));
  CHECK_THAT(error_with({"services..replicas=1"}), Catch::Contains("empty part in the key path"));
  CHECK_THAT(error_with({"clients.users.bursts.0.at=1s"}),
             Catch::Contains("clients[0].bursts: the file has no items here"));
}

TEST_CASE("a --set of a pattern key that moved into a shared section says where it went") {
  CHECK_THAT(error_with({"patterns.client_side.fetch_interval=5s"}),
             Catch::Equals("--set patterns.client_side.fetch_interval: patterns.client_side: "
                           "unknown key \"fetch_interval\"; it moved: did you mean "
                           "\"propagation.fetch_interval\"?"));
  CHECK_THAT(error_with({"patterns.client_side.lease_duration=5s"}),
             Catch::Contains("did you mean \"registration.lease_duration\"?"));
}

TEST_CASE("a bad --set value names the override where a file line would be") {
  CHECK_THAT(error_with({"services.web.replicas=three"}),
             Catch::Equals("--set services.web.replicas: services[0].replicas: expected a whole "
                           "number ≥ 0, got \"three\""));
  CHECK_THAT(error_with({"pattern=dns2"}),
             Catch::Equals("--set pattern: pattern: \"dns2\" is not one of: client-side, dns, "
                           "central-lb, per-host-proxy, api-gateway; did you mean \"dns\"?"));
  // Checks made after reading still blame the override.
  CHECK_THAT(error_with({"clients.users.target=cache"}),
             Catch::StartsWith("--set clients.users.target: clients[0].target: \"cache\" is not "
                               "one of the services"));
  CHECK_THAT(error_with({"services.web.replicas=[1,"}),
             Catch::StartsWith("--set services.web.replicas: the value is not valid YAML"));
  // A replaced mapping: problems inside it blame the override too.
  CHECK_THAT(error_with({"platform={racks: 0}"}),
             Catch::Equals("--set platform: platform.racks: expected a whole number ≥ 1, got "
                           "\"0\""));
}

TEST_CASE("every bad --set is reported, together with the file's own problems") {
  const std::string path =
      test::write_temp_file("both.yaml", "services:\n  - name: web\n    workers: 0\n");
  const ScenarioError error =
      test::load_error(path, {"services.web.replicas=-1", "metrics.intervl=1s"});
  REQUIRE(error.issues().size() == 3);
  CHECK(error.issues()[0].where == "--set metrics.intervl");
  // Override problems first, then the file's keys in the order they are read (an overridden
  // key missing from the file is appended to its mapping).
  CHECK(error.issues()[1].where == path + ":3:14");
  CHECK(error.issues()[2].where == "--set services.web.replicas");
}

TEST_CASE("metrics.warmup takes a duration or auto, and batches at least 2") {
  const Scenario automatic = load_with({"metrics.warmup=auto", "metrics.batches=8"});
  CHECK(automatic.metrics.warmup_auto);
  CHECK(automatic.metrics.warmup == 0s);
  CHECK(automatic.metrics.batches == 8);
  // A later duration turns auto off again.
  const Scenario fixed = load_with({"metrics.warmup=auto", "metrics.warmup=30s"});
  CHECK_FALSE(fixed.metrics.warmup_auto);
  CHECK(fixed.metrics.warmup == 30s);
  CHECK_THAT(error_with({"metrics.warmup=soon"}),
             Catch::Contains("metrics.warmup: expected a duration ≥ 0s") &&
                 Catch::Contains("or auto, got \"soon\""));
  CHECK_THAT(error_with({"metrics.batches=1"}),
             Catch::Contains("metrics.batches: expected a whole number ≥ 2"));
}

// Found by fuzz/scenario_fuzzer.cpp: an item without its name key made --set's lookup by name
// throw yaml-cpp's "invalid node; first invalid key: name" instead of a clear error.
TEST_CASE("a --set by name over items without names is a clear error, not yaml-cpp's") {
  const auto file = test::write_temp_file("nameless.yaml", "services:\n  - {replicas: 2}\n");
  const std::string by_name = test::load_error(file, {"services.web.replicas=3"}).what();
  CHECK_THAT(by_name, Catch::Contains("--set services.web.replicas: services: \"web\" is not an "
                                      "item index or one of the names"));
  CHECK_THAT(by_name, !Catch::Contains("invalid node"));
  // By index it reaches the item; the missing name is then the file's own error.
  const std::string by_index = test::load_error(file, {"services.0.replicas=3"}).what();
  CHECK_THAT(by_index, Catch::Contains("name") && !Catch::Contains("invalid node"));
}

#include <filesystem>

#include "scenario_test_support.h"

using namespace discolab;
using namespace std::chrono_literals;

TEST_CASE("the full example reads every key") {
  const Scenario s = load_scenario(test::scenario_data("full.yaml"));
  CHECK(s.name == "full-example");
  CHECK(s.description == "Every key: a rolling deploy with crashes, a host failure and a burst.");
  CHECK(s.duration == 15min);
  CHECK(s.seed == 42);
  CHECK(s.engine == "simgrid");
  CHECK(s.pattern == "client-side");

  CHECK(s.platform.topology == Topology::leaf_spine);
  CHECK(s.platform.racks == 3);
  CHECK(s.platform.hosts_per_rack == 5);
  CHECK(s.platform.host_speed_flops == 2e9);
  CHECK(s.platform.host_link.latency == 40us);
  CHECK(s.platform.host_link.bandwidth_bps == 25e9);
  CHECK(s.platform.spine_link.latency == 120us);
  CHECK(s.platform.spine_link.bandwidth_bps == 8e9);
  CHECK(s.platform.file.empty());

  REQUIRE(s.services.size() == 2);
  const ServiceSpec& web = s.services[0];
  CHECK(web.name == "web");
  CHECK(web.replicas == 6);
  CHECK(web.workers == 8);
  CHECK(web.queue_limit == 200);
  CHECK(web.service_time.distribution == ServiceTimeDistribution::lognormal);
  CHECK(web.service_time.mean == 8ms);
  CHECK(web.service_time.sigma == 0.4);
  CHECK(web.startup == 3s);
  CHECK(web.readiness == 1500ms);
  CHECK(web.drain == 5s);
  CHECK(web.version == "v7");
  CHECK(s.services[1].service_time.distribution == ServiceTimeDistribution::constant);
  CHECK(s.services[1].version == "13.4");

  REQUIRE(s.clients.size() == 2);
  const ClientSpec& users = s.clients[0];
  CHECK(users.count == 12);
  CHECK(users.target == "web");
  CHECK(users.rate_per_s == 0.5);
  REQUIRE(users.bursts.size() == 2);
  CHECK(users.bursts[1].at == 10min);
  CHECK(users.bursts[1].duration == 1min);
  CHECK(users.bursts[1].factor == 0.5);
  CHECK(users.timeout == 800ms);
  CHECK(users.retries == 2);
  CHECK(s.clients[1].rate_per_s == 6.0 / 3600.0);
  CHECK(s.clients[1].bursts.empty());
  CHECK(s.clients[1].start == std::chrono::minutes(2));
  CHECK_FALSE(s.clients[0].start.has_value());  // absent: with the deployment

  CHECK(s.churn.crashes.rate_per_instance_per_s == 2.0 / 3600.0);
  CHECK(s.churn.crashes.restart_delay == 7s);
  CHECK(s.churn.crashes.services == std::vector<std::string>{"web", "db"});
  REQUIRE(s.churn.rolling_updates.size() == 1);
  CHECK(s.churn.rolling_updates[0].service == "web");
  CHECK(s.churn.rolling_updates[0].at == 2min);
  CHECK(s.churn.rolling_updates[0].batch_size == 2);
  CHECK(s.churn.rolling_updates[0].max_unavailable == 0);
  CHECK(s.churn.rolling_updates[0].version == "v8");
  REQUIRE(s.churn.host_failures.size() == 2);
  CHECK(s.churn.host_failures[0].host == "rack2-host4");
  CHECK(s.churn.host_failures[0].duration == std::optional<Duration>(90s));
  CHECK_FALSE(s.churn.host_failures[1].duration.has_value());

  REQUIRE(s.platform.reserved.size() == 2);
  CHECK(s.platform.reserved[0] == ReservedHostSpec{ComponentRole::registry, "rack2-host0"});
  CHECK(s.platform.reserved[1] == ReservedHostSpec{ComponentRole::load_balancer, "rack2-host1"});

  const ClientSideSpec& cs = s.patterns.client_side;
  CHECK(cs.registry.host == "rack1-host0");
  CHECK(cs.registry.eviction_interval == 15s);
  CHECK(cs.registry.response_cache_interval == 3s);
  CHECK(cs.registry.eureka_double_expiry);
  CHECK(cs.registration.mode == RegistrationMode::sidecar);
  CHECK(cs.registration.heartbeat_interval == 10s);
  CHECK(cs.registration.lease_duration == 30s);
  CHECK(cs.propagation.mode == PropagationMode::watch);
  CHECK(cs.propagation.fetch_interval == 5s);
  CHECK(cs.balancing.policy == BalancerKind::peak_ewma);
  CHECK(cs.balancing.least_request_choices == 3);
  CHECK(cs.health.active.enabled);
  CHECK(cs.health.active.interval == 4s);
  CHECK(cs.health.active.timeout == 250ms);
  CHECK(cs.health.active.unhealthy_threshold == 2);
  CHECK(cs.health.active.healthy_threshold == 5);
  CHECK(cs.health.passive.enabled);
  CHECK(cs.health.passive.consecutive_failures == 7);
  CHECK(cs.health.passive.ejection_time == 45s);
  const CentralLbSpec& lb = s.patterns.central_lb;
  CHECK(lb.registry.host == "rack1-host1");
  CHECK(lb.registration.mode == RegistrationMode::orchestrator);
  CHECK(lb.propagation.mode == PropagationMode::blocking_query);
  CHECK(lb.balancing.policy == BalancerKind::least_request);
  CHECK(!lb.health.active.enabled);
  CHECK(lb.health.passive.consecutive_failures == 2);
  CHECK(lb.lb.host == "rack0-host3");
  CHECK(lb.lb.standby_host == "rack1-host3");
  CHECK(lb.lb.failover_time == 2s);
  CHECK(lb.lb.workers == 2);
  CHECK(lb.lb.connection_limit == 300);
  CHECK(lb.lb.service_time.distribution == ServiceTimeDistribution::constant);
  CHECK(lb.lb.service_time.mean == 200us);
  CHECK(lb.lb.try_timeout == 400ms);
  CHECK(lb.lb.retries == 2);
  CHECK(lb.lb.sync.mode == LbSyncMode::template_file);
  CHECK(lb.lb.sync.wait_min == 1s);
  CHECK(lb.lb.sync.wait_max == 5s);
  CHECK(lb.lb.sync.reload_time == 250ms);
  CHECK(lb.lb.sync.reload_refuses);
  CHECK(s.metrics.interval == 500ms);
  CHECK(s.metrics.warmup == 1min);
  CHECK_FALSE(s.metrics.warmup_auto);
  CHECK(s.metrics.batches == 12);
}

TEST_CASE("everything optional takes the default of the scenario structs") {
  const std::string path = test::write_temp_file("minimal.yaml", "services:\n  - name: web\n");
  const Scenario loaded = load_scenario(path);

  Scenario expected;
  expected.name = "minimal";  // the file name without its extension
  expected.source_path = path;
  ServiceSpec web;
  web.name = "web";
  expected.services.push_back(web);
  CHECK(loaded == expected);
  // The defaults are the documented ones, not zeros.
  CHECK(loaded.duration == 10min);
  CHECK(loaded.services[0].replicas == 3);
  CHECK(loaded.platform.spine_link.bandwidth_bps == 40e9);
}

TEST_CASE("empty values of optional keys and sections mean their defaults") {
  const Scenario s = load_scenario(test::write_temp_file(
      "nulls.yaml",
      "description:\npatterns:\nclients:\nservices:\n  - name: web\nchurn:\n  crashes:\n"
      "    services:\n  host_failures:\n    - {host: rack0-host0, at: 1s, duration: }\n"));
  CHECK(s.description.empty());
  CHECK(s.clients.empty());
  CHECK(s.churn.crashes.services.empty());
  REQUIRE(s.churn.host_failures.size() == 1);
  CHECK_FALSE(s.churn.host_failures[0].duration.has_value());
  CHECK(s.patterns.client_side == ClientSideSpec{});
}

TEST_CASE("a relative platform file is found next to the scenario and made absolute") {
  const Scenario s = load_scenario(test::scenario_data("platform_file.yaml"));
  CHECK(s.platform.topology == Topology::file);
  CHECK(std::filesystem::path(s.platform.file).is_absolute());
  CHECK(
      std::filesystem::equivalent(s.platform.file, test::scenario_data("platforms/two_hosts.xml")));
}

TEST_CASE("files that cannot be read are reported by name") {
  const std::string missing = test::scenario_data("no_such_scenario.yaml");
  const ScenarioError error = test::load_error(missing);
  CHECK(std::string(error.what()) == missing + ": no such file");
  CHECK(std::string(test::load_error(test::scenario_data("bad")).what()) ==
        test::scenario_data("bad") + ": not a regular file");
}

TEST_CASE("an empty file lacks only its services") {
  const std::string path = test::write_temp_file("empty.yaml", "");
  const ScenarioError error = test::load_error(path);
  REQUIRE(error.issues().size() == 1);
  CHECK(error.issues()[0] == ScenarioIssue{path, "", "missing required key \"services\""});
}

TEST_CASE("a file whose top level is not a mapping is rejected") {
  const ScenarioError error = test::text_error("- services\n");
  CHECK_THAT(error.what(), Catch::Contains("inline.yaml:1:1: expected a mapping of name, "
                                           "description, duration"));
}

TEST_CASE("issues carry where, key path and message separately") {
  const std::string path =
      test::write_temp_file("issue.yaml", "services:\n  - name: web\n    replicas: -1\n");
  const ScenarioError error = test::load_error(path);
  REQUIRE(error.issues().size() == 1);
  CHECK(error.issues()[0] == ScenarioIssue{path + ":3:15", "services[0].replicas",
                                           "expected a whole number ≥ 0, got \"-1\""});
  CHECK(error.issues()[0].text() == std::string(error.what()));
}

// The presets of real systems (scenarios/presets): each loads and is checked as a scenario's
// keys are; applied onto a scenario it sets its keys and nothing else; bad presets and unknown
// names are reported with where and what is allowed.
#include "sim/scenario/presets.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "sim/scenario/scenario_loader.h"
#include "tests/sim/scenario/scenario_test_support.h"

using namespace discolab;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kPresets = fs::path(DISCOLAB_SOURCE_DIR) / "scenarios" / "presets";
const std::string kQuickstart = std::string(DISCOLAB_SOURCE_DIR) + "/scenarios/quickstart.yaml";
const std::vector<std::string> kPatterns{"client-side", "dns", "central-lb", "per-host-proxy",
                                         "api-gateway"};

Scenario applied(const std::string& name) {
  const PresetStack stack = resolve_presets(kPresets, name, kPatterns);
  return load_scenario(kQuickstart, stack.sets);
}

std::string preset_error(const std::string& text) {
  const std::string path = test::write_temp_file("bad-preset.yaml", text);
  try {
    load_preset(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  FAIL("expected the preset to be rejected");
  return {};
}

}  // namespace

TEST_CASE("every preset loads, names its pattern and sources and sets only its section",
          "[scenario][presets]") {
  const std::vector<Preset> presets = load_presets(kPresets);
  REQUIRE(presets.size() >= 15);
  std::set<std::string> names;
  for (const Preset& p : presets) {
    INFO(p.name);
    names.insert(p.name);
    CHECK(std::find(kPatterns.begin(), kPatterns.end(), p.pattern) != kPatterns.end());
    CHECK_FALSE(p.description.empty());
    CHECK_FALSE(p.source.empty());
    REQUIRE_FALSE(p.sets.empty());
    std::string section = p.pattern;
    std::replace(section.begin(), section.end(), '-', '_');
    for (const std::string& set : p.sets) CHECK(set.rfind("patterns." + section + ".", 0) == 0);
    // Applied onto the quickstart scenario, the result is a valid scenario.
    CHECK_NOTHROW(load_scenario(kQuickstart, p.sets));
  }
  for (const char* name :
       {"eureka-ribbon", "consul-dns", "coredns-kube-dns", "mesos-dns", "consul-template-haproxy",
        "nginx-passive", "kube-proxy-iptables", "kong", "envoy-eds", "linkerd", "resolver-jvm"})
    CHECK(names.contains(name));
}

TEST_CASE("a preset sets the keys it lists and keeps the rest of the scenario",
          "[scenario][presets]") {
  const Scenario base = load_scenario(kQuickstart);
  const Scenario eureka = applied("eureka-ribbon");
  const ClientSideSpec& c = eureka.patterns.client_side;
  CHECK(c.registry.eureka_double_expiry);
  CHECK(c.registry.response_cache_interval == 30s);
  CHECK(c.registration.lease_duration == 90s);
  CHECK(c.client.list_refresh_interval == 30s);
  CHECK(c.registry.host == base.patterns.client_side.registry.host);
  CHECK(eureka.services == base.services);
  CHECK(eureka.churn == base.churn);
  CHECK(eureka.patterns.dns == base.patterns.dns);

  const Scenario nginx = applied("nginx-passive");
  const PassiveHealthSpec& passive = nginx.patterns.central_lb.health.passive;
  CHECK(passive.enabled);
  CHECK(passive.consecutive_failures == 1);
  CHECK(passive.ejection_time == 10s);
  CHECK(passive.max_ejection_percent == 100.0);
  CHECK_FALSE(passive.success_rate);
  CHECK(nginx.patterns.central_lb.lb.workers == base.patterns.central_lb.lb.workers);
}

TEST_CASE("presets stack left to right, one pattern only", "[scenario][presets]") {
  const PresetStack stack = resolve_presets(kPresets, "coredns-kube-dns+resolver-jvm", kPatterns);
  CHECK(stack.pattern == "dns");
  CHECK(stack.presets.size() == 2);
  const Scenario s = load_scenario(kQuickstart, stack.sets);
  CHECK(s.patterns.dns.dns.server.ttl == 30s);
  CHECK(s.patterns.dns.dns.client.cache == DnsClientCache::jvm);
  CHECK_THROWS_WITH(resolve_presets(kPresets, "eureka-ribbon+resolver-jvm", kPatterns),
                    Catch::Contains("stacked presets configure one pattern"));
}

TEST_CASE("an unknown name lists the patterns and the presets", "[scenario][presets]") {
  try {
    resolve_presets(kPresets, "eurka-ribbon", kPatterns);
    FAIL("expected an error");
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Contains("\"eurka-ribbon\" is neither a pattern (client-side, dns"));
    CHECK_THAT(what, Catch::Contains("kube-proxy-iptables"));
    CHECK_THAT(what, Catch::Contains("did you mean \"eureka-ribbon\"?"));
  }
  CHECK_THROWS_WITH(resolve_presets("", "kong", kPatterns), Catch::Contains("none found"));
}

TEST_CASE("a bad preset is reported at its line with what is allowed", "[scenario][presets]") {
  const std::string header =
      "preset:\n  pattern: client-side\n  description: d\n  source: s\npatterns:\n";
  CHECK_THAT(preset_error(header + "  client_side:\n    registry:\n      evction_interval: 5s\n"),
             Catch::Contains("bad-preset.yaml:8:25: patterns.client_side.registry: unknown key "
                             "\"evction_interval\"; did you mean \"eviction_interval\"?"));
  CHECK_THAT(preset_error(header + "  client_side:\n    registry: {eviction_interval: soon}\n"),
             Catch::Contains("bad-preset.yaml:7:35"));
  CHECK_THAT(preset_error(header + "  dns:\n    dns: {server: {ttl: 5s}}\n"),
             Catch::Contains("a preset of client-side sets only patterns.client_side"));
  CHECK_THAT(preset_error("preset:\n  pattern: dns2\n  description: d\n  source: s\n"
                          "patterns:\n  dns: {}\n"),
             Catch::Contains("\"dns2\" is not one of"));
  CHECK_THAT(preset_error("preset:\n  pattern: dns\npatterns:\n  dns:\n    balancing: "
                          "{policy: dns-rotated}\nextra: 1\n"),
             Catch::Contains("preset.description: missing"));
}

TEST_CASE("the presets folder: --presets, then the environment, then scenarios/presets",
          "[scenario][presets]") {
  const fs::path program = fs::path(DISCOLAB_SOURCE_DIR) / "build" / "discolab";
  CHECK(find_presets_dir(kPresets.string(), "/nowhere/discolab") == kPresets);
  CHECK_THROWS_WITH(find_presets_dir("/no/such/folder", program),
                    Catch::Contains("--presets: no folder named /no/such/folder"));
  ::setenv(kPresetsEnv, kPresets.string().c_str(), 1);
  CHECK(find_presets_dir("", "/nowhere/discolab") == kPresets);
  ::setenv(kPresetsEnv, "/no/such/folder", 1);
  CHECK_THROWS_WITH(find_presets_dir("", program), Catch::Contains("DISCOLAB_PRESETS"));
  ::unsetenv(kPresetsEnv);
  // Found above the program (a build folder in the source tree) from any working directory.
  const fs::path cwd = fs::current_path();
  fs::current_path(fs::temp_directory_path());
  CHECK(find_presets_dir("", program) == kPresets.lexically_normal());
  fs::current_path(cwd);
}

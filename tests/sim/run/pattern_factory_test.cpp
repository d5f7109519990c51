#include "sim/run/pattern_factory.h"

#include <catch2/catch.hpp>

#include "sim/scenario/enum_names.h"

using namespace discolab;

namespace {

Scenario small() {
  Scenario s;
  s.services = {ServiceSpec{}};
  s.services[0].name = "web";
  return s;
}

std::string check_error(const Scenario& scenario, std::string_view pattern = "client-side") {
  const Platform platform = make_platform(scenario.platform);
  try {
    check_pattern(pattern, scenario, platform);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the runnable patterns are the factory table's rows, with their scenario sections") {
  REQUIRE(runnable_patterns().size() == 1);
  CHECK(runnable_patterns()[0] == "client-side");
  CHECK(pattern_section("client-side") == "patterns.client_side");
  for (std::string_view name : runnable_patterns())
    CHECK(std::find(kPatternNames.begin(), kPatternNames.end(), name) != kPatternNames.end());
}

TEST_CASE("a pattern name that is not runnable says whether it is unknown or unbuilt") {
  CHECK(check_error(small(), "dns") ==
        "pattern \"dns\" is not implemented yet; runnable patterns: client-side");
  CHECK(check_error(small(), "dns2") ==
        "pattern \"dns2\" is unknown; runnable patterns: "
        "client-side");
  CHECK_THROWS_AS(pattern_section("central-lb"), std::invalid_argument);
}

TEST_CASE("client-side refuses shared-axis values it does not implement, naming the key") {
  CHECK(check_error(small()).empty());

  Scenario sidecar = small();
  sidecar.patterns.client_side.registration.mode = RegistrationMode::sidecar;
  CHECK(check_error(sidecar) ==
        "patterns.client_side.registration.mode: \"sidecar\" is not implemented by client-side "
        "(it implements \"self\")");

  Scenario watch = small();
  watch.patterns.client_side.propagation.mode = PropagationMode::blocking_query;
  CHECK(check_error(watch) ==
        "patterns.client_side.propagation.mode: \"blocking-query\" is not implemented by "
        "client-side (it implements \"poll\")");

  Scenario active = small();
  active.patterns.client_side.health.active.enabled = true;
  CHECK(check_error(active) ==
        "patterns.client_side.health.active.enabled: client-side has no health checks yet");
  Scenario passive = small();
  passive.patterns.client_side.health.passive.enabled = true;
  CHECK(check_error(passive) ==
        "patterns.client_side.health.passive.enabled: client-side has no health checks yet");

  Scenario elsewhere = small();
  elsewhere.patterns.client_side.registry.host = "rack9-host9";
  CHECK(check_error(elsewhere) ==
        "patterns.client_side.registry.host: no host named \"rack9-host9\" in the platform");
}

// What `discolab validate-theory` does not check: that the registry's summary figure
// staleness.by_component.registry.by_change.unready is exactly the crash → removal pairs of
// events.csv (the lease rows' mean reads the figure, their distribution row the pairs;
// docs/validation.md). A short run of scenarios/validation/lease-h10-l30-e4.yaml (no warmup).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/theory/run_measurements.h"
#include "tests/sim/cli/run_command.h"

using namespace discolab::testing;
namespace theory = discolab::theory;

TEST_CASE("theory: the registry's unready figure is the removal delays of events.csv", "[theory]") {
  for (int seed : {1, 2}) {
    const auto out = scratch("removal-delay-figure-" + std::to_string(seed));
    const auto r = run_discolab(
        "run scenarios/validation/lease-h10-l30-e4.yaml --quiet --set duration=2h --seed " +
        std::to_string(seed) + " --out " + out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::vector<double> delays = theory::measure_removal_delays(out);
    REQUIRE(delays.size() > 100);
    double sum = 0.0;
    for (double x : delays) sum += x;
    const theory::RegistryUnreadySummary s = theory::read_registry_unready(out);
    CHECK(s.pairs == delays.size());
    CHECK(s.mean_s == Approx(sum / static_cast<double>(delays.size())).epsilon(1e-9));
  }
}

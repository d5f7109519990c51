// End-to-end checks of metrics.warmup: auto (MSER-5) and the batch means in summary.json.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;

namespace {

json summary_without_perf(const std::filesystem::path& folder) {
  json s = json::parse(read_file(folder / "summary.json"));
  s.erase("perf");
  return s;
}

// quickstart for 3 minutes with the users at three times their rate until 30 s: the clients
// join a cold cluster (no discovery data yet) into a burst, a transient that ends at 30 s.
const std::string kTransient =
    "run scenarios/quickstart.yaml --quiet --seed 3 --set duration=3m "
    "--set 'clients.users.bursts=[{at: 0s, duration: 30s, factor: 3}]' ";

}  // namespace

TEST_CASE("metrics.warmup: auto cuts the initial transient, and a run repeats exactly",
          "[cli][warmup]") {
  const auto a = scratch("auto-a"), b = scratch("auto-b"), fixed = scratch("auto-fixed");
  REQUIRE(run_discolab(kTransient + "--set metrics.warmup=auto --out " + a.string()).exit_code ==
          0);
  REQUIRE(run_discolab(kTransient + "--set metrics.warmup=auto --out " + b.string()).exit_code ==
          0);
  const json s = summary_without_perf(a);
  CHECK(s["run"]["warmup_rule"] == "mser-5");
  const double warmup = s["run"]["warmup_s"].get<double>();
  // The burst's extra completions end at 30 s; MSER-5 searches the first half of the run only.
  CHECK(warmup >= 30.0);
  CHECK(warmup <= 90.0);
  CHECK(s["run"]["measured_s"].get<double>() == Approx(180.0 - warmup));
  CHECK(s.dump() == summary_without_perf(b).dump());
  CHECK(read_file(a / "timeseries.csv") == read_file(b / "timeseries.csv"));

  // The second pass is the run with that warm-up fixed: the same files, but for the rule.
  const std::string chosen = std::to_string(static_cast<int>(warmup)) + "s";
  REQUIRE(warmup == static_cast<int>(warmup));  // whole intervals of 1 s
  REQUIRE(run_discolab(kTransient + "--set metrics.warmup=" + chosen + " --out " + fixed.string())
              .exit_code == 0);
  json f = summary_without_perf(fixed);
  CHECK(f["run"]["warmup_rule"] == "fixed");
  f["run"]["warmup_rule"] = "mser-5";
  CHECK(s.dump() == f.dump());
  CHECK(read_file(a / "events.csv") == read_file(fixed / "events.csv"));

  // Batch means over the measured period: 20 batches after the warm-up, each figure's mean
  // inside its interval.
  const json& ss = s["steady_state"];
  CHECK(ss["batches"] == 20);
  CHECK(ss["from_s"].get<double>() >= warmup);
  CHECK(ss["to_s"].get<double>() == 180.0);
  for (const char* figure : {"latency_mean_ms", "stale_route_rate", "stale_view_fraction",
                             "control_plane_messages_per_s"}) {
    INFO(figure);
    const json& x = ss[figure];
    CHECK(x["batches"] == 20);
    CHECK(x["ci95_low"].get<double>() <= x["mean"].get<double>());
    CHECK(x["mean"].get<double>() <= x["ci95_high"].get<double>());
  }
  // The batch means count requests by completion, the summary by issue: close, not equal.
  // (latency_ms.mean is being renamed latency.mean_ms: either is read.)
  const json& latency_mean =
      s.contains("latency_ms") ? s["latency_ms"]["mean"] : s["latency"]["mean_ms"];
  CHECK(ss["latency_mean_ms"]["mean"].get<double>() ==
        Approx(latency_mean.get<double>()).epsilon(0.01));
}

TEST_CASE("metrics.warmup: auto is refused on the simgrid engine before anything is written",
          "[cli][warmup]") {
  const auto out = scratch("auto-simgrid");
  const auto r =
      run_discolab(kTransient + "--set metrics.warmup=auto --engine simgrid --out " + out.string());
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("metrics.warmup: auto") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

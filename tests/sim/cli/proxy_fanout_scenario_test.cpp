// scenarios/proxy-fanout.yaml shows what its comment says, over 5 seeds with 95 % confidence
// intervals: a proxy per host (512 hosts) multiplies the registry's watch pushes against one
// central LB, and polled deltas cost far fewer bytes than polled full lists.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_command.h"
#include "sim/metrics/confidence.h"

using namespace discolab::testing;
using discolab::metrics::mean_interval;
using discolab::metrics::MeanInterval;
using nlohmann::json;

namespace {

constexpr int kSeeds = 5;
const std::string kFile = "scenarios/proxy-fanout.yaml";

json run(const std::string& args, int seed) {
  const auto out = scratch("fanout-" + std::to_string(std::hash<std::string>{}(args)) + "-" +
                           std::to_string(seed));
  const auto r = run_discolab("run " + kFile + " " + args + " --quiet --seed " +
                              std::to_string(seed) + " --out " + out.string());
  REQUIRE(r.exit_code == 0);
  return json::parse(read_file(out / "summary.json"));
}

// The registry's sent control-plane figure `key` over the seeds: mean and 95 % interval.
MeanInterval registry_figure(const std::string& args, const char* key) {
  std::vector<double> xs;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const json s = run(args, seed);
    xs.push_back(s.at("control_plane").at("by_component").at("registry").at(key).get<double>());
  }
  return mean_interval(xs);
}

std::string show(const MeanInterval& m) {
  return std::to_string(m.mean) + " [" + std::to_string(m.low) + ", " + std::to_string(m.high) +
         "]";
}

}  // namespace

TEST_CASE("proxy-fanout: per-host proxies multiply the registry's watch fan-out",
          "[scenarios][per-host-proxy]") {
  const auto lb = registry_figure("--pattern central-lb", "messages_per_s");
  const auto proxies = registry_figure("--pattern per-host-proxy", "messages_per_s");
  INFO("registry msg/s: central-lb " << show(lb) << ", per-host-proxy " << show(proxies));
  // 512 watchers instead of one: each change goes out ~512 times; the heartbeats' answers,
  // the same in both, keep the ratio below that.
  CHECK(proxies.low > 20 * lb.high);
  CHECK(lb.low > 0);
}

TEST_CASE("proxy-fanout: polled deltas cost fewer registry bytes than polled full lists",
          "[scenarios][per-host-proxy]") {
  const std::string poll =
      "--pattern per-host-proxy --set patterns.per_host_proxy.propagation.mode=poll";
  const auto deltas = registry_figure(poll, "bytes_per_s");
  const auto full =
      registry_figure(poll + " --set patterns.per_host_proxy.sync.delta=false", "bytes_per_s");
  const auto delta_msgs = registry_figure(poll, "messages_per_s");
  const auto watch_msgs = registry_figure("--pattern per-host-proxy", "messages_per_s");
  INFO("registry B/s: deltas " << show(deltas) << ", full lists " << show(full) << "; msg/s: poll "
                               << show(delta_msgs) << ", watch " << show(watch_msgs));
  // A full list carries every instance (16) per answer; a delta mostly none.
  CHECK(full.low > 5 * deltas.high);
  // A 2 s poll answers every proxy every 2 s whether anything changed or not: more messages
  // than pushing each change.
  CHECK(delta_msgs.low > watch_msgs.high);
}

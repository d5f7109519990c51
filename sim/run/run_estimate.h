// How big a scenario is and how long a run of it will take, said before it starts.
//
// `validate` and `run` print the size (hosts, containers, callers, offered requests); `run`
// adds a wall-time estimate and asks for --yes before a run that would take more than
// kConfirmAboveWallS or pack more containers on a host than kMaxContainersPerHost.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/scenario.h"

namespace discolab {

// Wall seconds per offered request, per engine: the quickstart scenario (8 hosts, 30 containers,
// 16 callers, 10 simulated minutes, 1.44 million offered requests) run on the development machine
// (2 shared x86-64 cores, Release build), perf.wall_s of its summary.json divided by the offered
// requests `validate` prints. Measured on 2026-12-01: fast 1.63 s, simgrid 16.7 s. Re-measure with
//   build/discolab run scenarios/quickstart.yaml --engine fast    --quiet --out /tmp/q-fast
//   build/discolab run scenarios/quickstart.yaml --engine simgrid --quiet --out /tmp/q-simgrid
// after changes that move the engines' speed. The cost per request grows with cluster size
// (more views to update per change), so large clusters run slower than estimated: the estimate
// is a lower bound, meant to warn before a run of hours, not to schedule one.
inline constexpr double kFastSecondsPerRequest = 1.1e-6;
inline constexpr double kSimGridSecondsPerRequest = 1.2e-5;

// A run expected to take longer shows its progress bar at once rather than after a second.
inline constexpr double kShowBarAtOnceAboveWallS = 2;
// So does a run with more containers: its setup (placement, registration) takes time that the
// per-request estimate does not see.
inline constexpr long kShowBarAtOnceAboveContainers = 1000;

// A run expected to take longer asks for --yes.
inline constexpr double kConfirmAboveWallS = 600;

// The most containers per host a run accepts without --yes. Containers on one host do not share
// its CPU in the model (each has its own workers), so packing many on a host describes a
// machine that does not exist; 110 is Kubernetes' default pod limit per node (kubelet
// --max-pods), the bound real clusters of this kind run under.
inline constexpr long kMaxContainersPerHost = 110;

struct ScenarioSize {
  std::size_t hosts = 0;
  std::size_t services = 0;
  long containers = 0;
  long callers = 0;
  long containers_per_host = 0;  // the most on one host when spread evenly
  double offered_requests = 0;   // first tries, bursts included; retries not counted
};

ScenarioSize scenario_size(const Scenario& scenario, std::size_t hosts);

// "8 hosts, 2 services, 12 containers, 8 callers, 1 230 000 requests offered"
std::string describe_size(const ScenarioSize& size);

double estimated_wall_s(const ScenarioSize& size, std::string_view engine);

// "about 2 s", "about 14 min", "about 3.2 h".
std::string describe_wall(double seconds);

// Why this run needs --yes, or nullopt when it does not.
std::optional<std::string> needs_confirmation(const ScenarioSize& size, double wall_s);

// "1 service", "2 services".
std::string count_of(long long n, std::string_view singular, std::string_view plural);

}  // namespace discolab

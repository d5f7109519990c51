#include "sim/run/run_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace discolab {

std::string count_of(long long n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

ScenarioSize scenario_size(const Scenario& scenario, std::size_t hosts) {
  ScenarioSize size;
  size.hosts = hosts;
  size.services = scenario.services.size();
  for (const ServiceSpec& s : scenario.services) size.containers += s.replicas;
  const double run_s = to_seconds(scenario.duration);
  for (const ClientSpec& c : scenario.clients) {
    size.callers += c.count;
    double rate_seconds = run_s;  // seconds at the base rate, bursts weighted by their factor
    for (const BurstSpec& b : c.bursts) {
      const double from = std::min(to_seconds(b.at), run_s);
      const double to = std::min(to_seconds(b.at + b.duration), run_s);
      rate_seconds += (b.factor - 1) * std::max(0.0, to - from);
    }
    size.offered_requests += c.count * c.rate_per_s * std::max(0.0, rate_seconds);
  }
  if (hosts > 0) {
    const long h = static_cast<long>(hosts);
    size.containers_per_host = (size.containers + h - 1) / h;
  }
  return size;
}

namespace {
std::string rounded_count(double n) {
  char text[32];
  if (n >= 1e9) {
    std::snprintf(text, sizeof text, "%.1f billion", n / 1e9);
  } else if (n >= 1e6) {
    std::snprintf(text, sizeof text, "%.1f million", n / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.0f", n);
  }
  return text;
}
}  // namespace

std::string describe_size(const ScenarioSize& size) {
  return count_of(static_cast<long long>(size.hosts), "host", "hosts") + ", " +
         count_of(static_cast<long long>(size.services), "service", "services") + ", " +
         count_of(size.containers, "container", "containers") + ", " +
         count_of(size.callers, "caller", "callers") + ", " + rounded_count(size.offered_requests) +
         (std::llround(size.offered_requests) == 1 ? " request offered" : " requests offered");
}

double estimated_wall_s(const ScenarioSize& size, std::string_view engine) {
  const double per_request =
      engine == "simgrid" ? kSimGridSecondsPerRequest : kFastSecondsPerRequest;
  return size.offered_requests * per_request;
}

std::string describe_wall(double seconds) {
  char text[32];
  if (seconds < 1) return "under a second";
  if (seconds < 120) {
    std::snprintf(text, sizeof text, "about %.0f s", seconds);
  } else if (seconds < 7200) {
    std::snprintf(text, sizeof text, "about %.0f min", seconds / 60);
  } else {
    std::snprintf(text, sizeof text, "about %.1f h", seconds / 3600);
  }
  return text;
}

std::optional<std::string> needs_confirmation(const ScenarioSize& size, double wall_s) {
  if (size.containers_per_host > kMaxContainersPerHost) {
    return std::to_string(size.containers) + " containers on " +
           count_of(static_cast<long long>(size.hosts), "host", "hosts") + " is " +
           std::to_string(size.containers_per_host) + " per host, more than the " +
           std::to_string(kMaxContainersPerHost) +
           " a host holds in this model (Kubernetes' default pod limit per node)";
  }
  if (wall_s > kConfirmAboveWallS) {
    return "the run is expected to take " + describe_wall(wall_s) + " (more than " +
           describe_wall(kConfirmAboveWallS) + ")";
  }
  return std::nullopt;
}

}  // namespace discolab

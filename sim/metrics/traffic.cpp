#include "sim/metrics/traffic.h"

#include <map>

namespace discolab::metrics {

namespace {

std::vector<ComponentTraffic> difference(const std::vector<ComponentTraffic>& total,
                                         const std::vector<ComponentTraffic>& baseline) {
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> sums;  // sorted by name
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> base;
  for (const auto& c : total) {
    sums[c.component].first += c.messages;
    sums[c.component].second += c.bytes;
  }
  for (const auto& c : baseline) {
    base[c.component].first += c.messages;
    base[c.component].second += c.bytes;
  }
  const auto minus = [](std::uint64_t a, std::uint64_t b) { return a > b ? a - b : 0; };
  std::vector<ComponentTraffic> out;
  for (const auto& [name, counts] : sums) {
    const auto b = base[name];
    out.push_back({name, minus(counts.first, b.first), minus(counts.second, b.second)});
  }
  return out;
}

}  // namespace

TrafficCounters traffic_since(const TrafficCounters& total, const TrafficCounters& baseline) {
  return {difference(total.control, baseline.control), difference(total.data, baseline.data)};
}

}  // namespace discolab::metrics

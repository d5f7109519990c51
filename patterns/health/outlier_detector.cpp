#include "patterns/health/outlier_detector.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace discolab {

OutlierDetector::OutlierDetector(Runtime& rt, OutlierDetectionConfig config,
                                 EjectionCallback on_change)
    : rt_(rt), config_(config), on_change_(std::move(on_change)) {
  if (config_.interval.count() <= 0)
    throw std::invalid_argument("OutlierDetector: interval must be > 0");
  interval_timer_ = rt_.schedule(config_.interval, [this] { on_interval(); });
}

OutlierDetector::~OutlierDetector() {
  rt_.cancel(interval_timer_);
  for (auto& [id, host] : hosts_) rt_.cancel(host.return_timer);
}

void OutlierDetector::set_endpoints(std::span<const ServiceEndpoint> endpoints) {
  std::map<InstanceId, Host> next;
  for (const auto& e : endpoints) {
    auto it = hosts_.find(e.instance);
    if (it != hosts_.end()) {
      next.emplace(e.instance, it->second);
      hosts_.erase(it);
    } else {
      next.emplace(e.instance, Host{});
    }
  }
  for (auto& [id, host] : hosts_) rt_.cancel(host.return_timer);  // those no longer watched
  hosts_ = std::move(next);
  ejected_ = static_cast<std::size_t>(
      std::count_if(hosts_.begin(), hosts_.end(), [](const auto& h) { return h.second.ejected; }));
}

void OutlierDetector::report(InstanceId instance, bool ok) {
  auto it = hosts_.find(instance);
  if (it == hosts_.end() || it->second.ejected) return;
  Host& host = it->second;
  ++host.interval_total;
  if (ok) {
    ++host.interval_ok;
    host.consecutive_failures = 0;
    return;
  }
  if (config_.consecutive_failures == 0) return;
  if (++host.consecutive_failures >= config_.consecutive_failures) {
    host.consecutive_failures = 0;
    try_eject(instance, host);
  }
}

bool OutlierDetector::try_eject(InstanceId instance, Host& host) {
  const double limit = config_.max_ejection_percent / 100.0 * static_cast<double>(hosts_.size());
  if (ejected_ > 0 && static_cast<double>(ejected_ + 1) > limit) return false;
  host.ejected = true;
  host.ejected_this_interval = true;
  ++host.multiplier;
  ++ejected_;
  const Duration cap = std::max(config_.max_ejection_time, config_.base_ejection_time);
  const Duration duration = std::min<Duration>(config_.base_ejection_time * host.multiplier, cap);
  host.return_timer = rt_.schedule(duration, [this, instance] { uneject(instance); });
  if (on_change_) on_change_(instance, true);
  return true;
}

void OutlierDetector::uneject(InstanceId instance) {
  auto it = hosts_.find(instance);
  if (it == hosts_.end() || !it->second.ejected) return;
  Host& host = it->second;
  host.ejected = false;
  host.return_timer = kNoTimer;
  host.consecutive_failures = 0;
  host.interval_ok = 0;
  host.interval_total = 0;
  --ejected_;
  if (on_change_) on_change_(instance, false);
}

void OutlierDetector::on_interval() {
  interval_timer_ = rt_.schedule(config_.interval, [this] { on_interval(); });
  if (config_.success_rate) eject_by_success_rate();
  for (auto& [id, host] : hosts_) {
    if (!host.ejected && !host.ejected_this_interval && host.multiplier > 0) --host.multiplier;
    host.ejected_this_interval = host.ejected;
    host.interval_ok = 0;
    host.interval_total = 0;
  }
}

void OutlierDetector::eject_by_success_rate() {
  std::vector<std::pair<InstanceId, double>> rates;
  for (const auto& [id, host] : hosts_) {
    if (!host.ejected && host.interval_total >= config_.success_rate_request_volume &&
        host.interval_total > 0) {
      rates.emplace_back(
          id, static_cast<double>(host.interval_ok) / static_cast<double>(host.interval_total));
    }
  }
  if (rates.empty() || rates.size() < config_.success_rate_minimum_hosts) return;
  double mean = 0;
  for (const auto& r : rates) mean += r.second;
  mean /= static_cast<double>(rates.size());
  double variance = 0;
  for (const auto& r : rates) variance += (r.second - mean) * (r.second - mean);
  variance /= static_cast<double>(rates.size());
  const double threshold = mean - config_.success_rate_stdev_factor * std::sqrt(variance);
  for (const auto& [id, rate] : rates) {
    auto it = hosts_.find(id);  // a callback may have changed the watched set meanwhile
    if (rate < threshold && it != hosts_.end() && !it->second.ejected) try_eject(id, it->second);
  }
}

bool OutlierDetector::ejected(InstanceId instance) const {
  auto it = hosts_.find(instance);
  return it != hosts_.end() && it->second.ejected;
}

std::uint32_t OutlierDetector::ejection_multiplier(InstanceId instance) const {
  auto it = hosts_.find(instance);
  return it == hosts_.end() ? 0 : it->second.multiplier;
}

}  // namespace discolab

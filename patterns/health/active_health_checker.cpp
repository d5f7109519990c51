#include "patterns/health/active_health_checker.h"

#include <stdexcept>
#include <vector>

namespace discolab {

ActiveHealthChecker::ActiveHealthChecker(Runtime& rt, HostId host, ActiveHealthCheckConfig config,
                                         HealthTransitionCallback on_transition,
                                         std::string_view entity)
    : rt_(rt),
      config_(std::move(config)),
      on_transition_(std::move(on_transition)),
      random_(rt.random(entity, "health-check")) {
  if (config_.fall == 0 || config_.rise == 0) {
    throw std::invalid_argument("ActiveHealthChecker: fall and rise must be >= 1");
  }
  if (config_.interval.count() <= 0 || config_.timeout.count() <= 0) {
    throw std::invalid_argument("ActiveHealthChecker: interval and timeout must be > 0");
  }
  if (config_.jitter < 0.0 || config_.jitter >= 1.0) {
    throw std::invalid_argument("ActiveHealthChecker: jitter must be in [0, 1)");
  }
  endpoint_ = rt_.open(host, config_.component, [this](const Message& msg) { on_message(msg); });
}

ActiveHealthChecker::~ActiveHealthChecker() {
  for (auto& [id, target] : targets_) rt_.cancel(target.timer);
  rt_.close(endpoint_);
}

void ActiveHealthChecker::add_target(InstanceId instance, EndpointId check_address) {
  if (targets_.contains(instance)) return;
  Target& t = targets_[instance];
  t.address = check_address;
  t.healthy = config_.start_healthy;
  t.ever_healthy = config_.start_healthy;
  const Duration first = config_.spread_first_check
                             ? from_seconds(random_.uniform(0.0, to_seconds(config_.interval)))
                             : Duration{0};
  t.timer = rt_.schedule(first, [this, instance] { send_check(instance); });
}

void ActiveHealthChecker::remove_target(InstanceId instance) {
  auto it = targets_.find(instance);
  if (it == targets_.end()) return;
  rt_.cancel(it->second.timer);
  if (it->second.pending_seq != 0) in_flight_.erase(it->second.pending_seq);
  targets_.erase(it);
}

void ActiveHealthChecker::sync_targets(std::span<const ServiceEndpoint> endpoints) {
  std::vector<InstanceId> gone;
  std::map<InstanceId, EndpointId> wanted;
  for (const auto& e : endpoints) wanted.emplace(e.instance, e.address);
  for (const auto& [id, target] : targets_) {
    if (!wanted.contains(id)) gone.push_back(id);
  }
  for (InstanceId id : gone) remove_target(id);
  for (const auto& [id, address] : wanted) add_target(id, address);
}

bool ActiveHealthChecker::healthy(InstanceId instance) const {
  auto it = targets_.find(instance);
  return it != targets_.end() && it->second.healthy;
}

Duration ActiveHealthChecker::next_interval() {
  return random_.jittered(config_.interval, config_.jitter);
}

void ActiveHealthChecker::send_check(InstanceId instance) {
  auto it = targets_.find(instance);
  if (it == targets_.end()) return;
  Target& t = it->second;
  if (++next_seq_ == 0) ++next_seq_;  // 0 means "none in flight"
  const std::uint32_t seq = next_seq_;
  t.pending_seq = seq;
  in_flight_[seq] = instance;
  ++stats_.sent;
  rt_.send(Message{endpoint_, t.address, config_.check_bytes, Plane::control,
                   DeliveryStatus::delivered, HealthCheckMsg{seq}});
  t.timer = rt_.schedule(config_.timeout, [this, instance, seq] { on_timeout(instance, seq); });
}

void ActiveHealthChecker::on_message(const Message& msg) {
  std::uint32_t seq = 0;
  bool ok = false;
  if (const auto* reply = std::any_cast<HealthCheckReplyMsg>(&msg.body)) {
    seq = reply->seq;
    ok = reply->healthy;
  } else if (const auto* check = std::any_cast<HealthCheckMsg>(&msg.body);
             check != nullptr && msg.status == DeliveryStatus::refused) {
    seq = check->seq;
  } else {
    return;
  }
  auto pending = in_flight_.find(seq);
  if (pending == in_flight_.end()) return;  // its target was removed, or it already timed out
  const InstanceId instance = pending->second;
  Target& t = targets_.at(instance);
  rt_.cancel(t.timer);
  if (ok) {
    ++stats_.succeeded;
  } else if (msg.status == DeliveryStatus::refused) {
    ++stats_.refused;
  } else {
    ++stats_.answered_unhealthy;
  }
  record(instance, ok);
}

void ActiveHealthChecker::on_timeout(InstanceId instance, std::uint32_t seq) {
  if (in_flight_.erase(seq) == 0) return;
  ++stats_.timed_out;
  record(instance, false);
}

void ActiveHealthChecker::record(InstanceId instance, bool ok) {
  Target& t = targets_.at(instance);
  in_flight_.erase(t.pending_seq);
  t.pending_seq = 0;
  bool changed = false;
  if (ok) {
    t.failures = 0;
    ++t.successes;
    const std::uint32_t needed =
        !t.ever_healthy && config_.initial_rise > 0 ? config_.initial_rise : config_.rise;
    if (!t.healthy && t.successes >= needed) {
      t.healthy = true;
      t.ever_healthy = true;
      changed = true;
    }
  } else {
    t.successes = 0;
    ++t.failures;
    if (t.healthy && t.failures >= config_.fall) {
      t.healthy = false;
      changed = true;
    }
  }
  t.timer = rt_.schedule(next_interval(), [this, instance] { send_check(instance); });
  const bool healthy = t.healthy;
  // Last: the callback may remove this target (or add others), invalidating `t`.
  if (changed && on_transition_) on_transition_(instance, healthy);
}

}  // namespace discolab

#include "patterns/central_lb/server_slots.h"

#include <algorithm>

namespace discolab {

ServerSlots::ServerSlots(Runtime& rt, ServerSlotsConfig config, TargetChooser& inner,
                         const Upstream& upstream)
    : rt_(rt), config_(config), inner_(inner), upstream_(upstream) {}

ServerSlots::~ServerSlots() {
  for (const auto& [id, w] : waiting_) rt_.cancel(w.timer);
}

void ServerSlots::on_ready(std::function<void()> ready) {
  ready_ = ready;
  inner_.on_ready(std::move(ready));
}

std::uint32_t ServerSlots::in_flight(InstanceId instance) const {
  auto it = in_flight_.find(instance);
  return it == in_flight_.end() ? 0 : it->second;
}

void ServerSlots::stop_waiting(std::uint64_t request) {
  auto it = waiting_.find(request);
  if (it == waiting_.end()) return;
  rt_.cancel(it->second.timer);
  waiting_.erase(it);
}

TargetChoice ServerSlots::choose(const Request& request, std::span<const InstanceId> tried) {
  if (config_.maxconn == 0) return inner_.choose(request, tried);
  const EndpointList& servers = *upstream_.routable();
  const bool any_free = std::any_of(servers.begin(), servers.end(),
                                    [this](const ServiceEndpoint& e) { return !full(e.instance); });
  if (servers.empty() || any_free) {
    avoid_.assign(tried.begin(), tried.end());
    for (const auto& [instance, n] : in_flight_)
      if (n >= config_.maxconn) avoid_.push_back(instance);
    TargetChoice choice = inner_.choose(request, avoid_);
    if (auto* target = std::get_if<CallTarget>(&choice); target && full(target->instance)) {
      // The balancer's pick is full: the next server with a free slot takes the try.
      auto at = std::find_if(servers.begin(), servers.end(), [&](const ServiceEndpoint& e) {
        return e.instance == target->instance;
      });
      const std::size_t start =
          at == servers.end() ? 0 : static_cast<std::size_t>(at - servers.begin());
      for (std::size_t k = 1; k <= servers.size(); ++k) {
        const ServiceEndpoint& e = servers[(start + k) % servers.size()];
        if (!full(e.instance)) {
          *target = CallTarget{e.address, e.instance};
          break;
        }
      }
    }
    if (!std::holds_alternative<WaitForTarget>(choice)) stop_waiting(request.id);
    return choice;
  }
  // Every server is full: wait in the backend queue, at most queue_timeout.
  auto it = waiting_.find(request.id);
  if (it == waiting_.end()) {
    const TimerId timer = rt_.schedule(config_.queue_timeout, [this] {
      if (ready_) ready_();
    });
    waiting_.emplace(request.id, Waiting{rt_.now(), timer});
    return WaitForTarget{};
  }
  if (rt_.now() - it->second.since >= config_.queue_timeout) {
    stop_waiting(request.id);
    ++queue_timeouts_;
    rt_.observer().count("lb.queue_timeout");
    return FailureCause::overloaded;
  }
  return WaitForTarget{};
}

void ServerSlots::try_started(const CallTarget& target) {
  inner_.try_started(target);
  if (config_.maxconn > 0 && target.instance != kNoInstance) ++in_flight_[target.instance];
}

void ServerSlots::try_finished(const CallTarget& target, Duration latency, bool ok) {
  inner_.try_finished(target, latency, ok);
  if (config_.maxconn == 0) return;
  auto it = in_flight_.find(target.instance);
  if (it == in_flight_.end()) return;
  const bool was_full = it->second >= config_.maxconn;
  if (--it->second == 0) in_flight_.erase(it);
  // A slot freed: the oldest waiting request takes it.
  if (was_full && !waiting_.empty() && ready_) ready_();
}

}  // namespace discolab

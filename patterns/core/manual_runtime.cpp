#include "patterns/core/manual_runtime.h"

#include <stdexcept>

namespace discolab {

ManualRuntime::ManualRuntime(std::uint64_t seed, Duration message_delay)
    : seed_(seed), message_delay_(message_delay) {}

TimerId ManualRuntime::push(Duration delay, TimerCallback fn) {
  if (delay.count() < 0) throw std::invalid_argument("ManualRuntime: negative delay");
  const TimerId id = next_seq_++;
  queue_.push(Event{now_ + delay, id, id});
  callbacks_.emplace(id, std::move(fn));
  ++live_events_;
  return id;
}

TimerId ManualRuntime::schedule(Duration delay, TimerCallback fn) {
  return push(delay, std::move(fn));
}

bool ManualRuntime::cancel(TimerId id) {
  if (callbacks_.erase(id) == 0) return false;
  --live_events_;
  return true;
}

EndpointId ManualRuntime::open(HostId host, std::string_view component, MessageHandler handler) {
  endpoints_.push_back(EndpointState{host, std::string(component), std::move(handler), true});
  return static_cast<EndpointId>(endpoints_.size() - 1);
}

void ManualRuntime::close(EndpointId endpoint) {
  if (endpoint < endpoints_.size()) {
    endpoints_[endpoint].open = false;
    endpoints_[endpoint].handler = nullptr;
  }
}

HostId ManualRuntime::host_of(EndpointId endpoint) const {
  return endpoint < endpoints_.size() ? endpoints_[endpoint].host : kNoHost;
}

void ManualRuntime::set_host_up(HostId host, bool up) {
  if (up) {
    down_hosts_.erase(host);
  } else {
    down_hosts_.insert(host);
  }
}

void ManualRuntime::send(Message msg) {
  if (msg.from >= endpoints_.size() || !endpoints_[msg.from].open || !host_up(host_of(msg.from))) {
    ++dropped_;
    return;
  }
  auto& t = traffic_[{endpoints_[msg.from].component, msg.plane}];
  ++t.messages;
  t.bytes += msg.size_bytes;
  push(message_delay_, [this, m = std::move(msg)]() mutable { deliver(std::move(m)); });
}

void ManualRuntime::deliver(Message msg) {
  if (msg.to >= endpoints_.size() || !host_up(host_of(msg.to))) {
    ++dropped_;
    return;
  }
  EndpointState& dst = endpoints_[msg.to];
  if (dst.open) {
    dst.handler(msg);
    return;
  }
  // Refused: the closed endpoint's host answers with a reset, which travels back.
  msg.status = DeliveryStatus::refused;
  push(message_delay_, [this, m = std::move(msg)]() {
    if (m.from < endpoints_.size() && endpoints_[m.from].open && host_up(host_of(m.from))) {
      endpoints_[m.from].handler(m);
    } else {
      ++dropped_;
    }
  });
}

RandomStream ManualRuntime::random(std::string_view entity, std::string_view purpose) const {
  return RandomStream(seed_, entity, purpose);
}

bool ManualRuntime::step_until(SimTime t) {
  while (!queue_.empty()) {
    const Event ev = queue_.top();
    if (ev.at > t) return false;
    queue_.pop();
    auto it = callbacks_.find(ev.id);
    if (it == callbacks_.end()) continue;  // cancelled
    TimerCallback fn = std::move(it->second);
    callbacks_.erase(it);
    --live_events_;
    now_ = ev.at;
    fn();
    return true;
  }
  return false;
}

void ManualRuntime::advance(Duration d) { run_until(now_ + d); }

void ManualRuntime::run_until(SimTime t) {
  while (step_until(t)) {
  }
  if (t > now_) now_ = t;
}

std::size_t ManualRuntime::run_all(std::size_t limit) {
  std::size_t ran = 0;
  while (ran < limit && step_until(kNever)) ++ran;
  return ran;
}

ManualRuntime::Traffic ManualRuntime::traffic(std::string_view component, Plane plane) const {
  auto it = traffic_.find({std::string(component), plane});
  return it == traffic_.end() ? Traffic{} : it->second;
}

}  // namespace discolab

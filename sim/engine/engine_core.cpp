#include "sim/engine/engine_core.h"

#include <stdexcept>

namespace discolab {

EngineCore::EngineCore(std::string_view name, const Platform& platform, std::uint64_t seed)
    : platform_(platform), name_(name), seed_(seed), host_epoch_(platform.host_count(), 0) {}

TimerId EngineCore::schedule(Duration delay, TimerCallback fn) {
  if (delay.count() < 0) throw std::invalid_argument("schedule: negative delay");
  const SimTime at = delay > kNever - now_ ? kNever : now_ + delay;
  Pending* p = nullptr;
  const TimerId id = queue_.push(at, p);
  p->kind = Pending::Kind::timer;
  p->fn = std::move(fn);
  return id;
}

bool EngineCore::cancel(TimerId id) {
  const Pending* p = queue_.find(id);
  return p != nullptr && p->kind == Pending::Kind::timer &&
         queue_.cancel(id, [](Pending& ev) { ev.fn = nullptr; });
}

EndpointId EngineCore::open(HostId host, std::string_view component, MessageHandler handler) {
  if (host >= platform_.host_count()) {
    throw std::out_of_range("open: no host " + std::to_string(host) + " on the platform");
  }
  auto it = component_ids_.find(component);
  if (it == component_ids_.end()) {
    it = component_ids_.emplace(std::string(component), traffic_.size()).first;
    traffic_.emplace_back();
  }
  if (endpoints_.size() >= kNoEndpoint) throw std::length_error("open: too many endpoints");
  EndpointState& e = endpoints_.emplace_back();
  e = EndpointState{host, true, &traffic_[it->second], std::move(handler)};
  return static_cast<EndpointId>(endpoints_.size() - 1);
}

void EngineCore::close(EndpointId endpoint) {
  if (endpoint >= endpoints_.size() || !endpoints_[endpoint].open) return;
  endpoints_[endpoint].open = false;
  closed_.push_back(endpoint);
}

void EngineCore::free_closed_handlers() {
  for (EndpointId e : closed_) endpoints_[e].handler = nullptr;
  closed_.clear();
}

HostId EngineCore::host_of(EndpointId endpoint) const {
  return endpoint < endpoints_.size() ? endpoints_[endpoint].host : kNoHost;
}

RandomStream EngineCore::random(std::string_view entity, std::string_view purpose) const {
  return RandomStream(seed_, entity, purpose);
}

void EngineCore::set_host_up(HostId host, bool up) {
  if (host >= host_epoch_.size()) {
    throw std::out_of_range("set_host_up: no host " + std::to_string(host) + " on the platform");
  }
  if (host_up(host) == up) return;
  ++host_epoch_[host];
  host_state_changed(host, up);
}

Traffic EngineCore::traffic(std::string_view component, Plane plane) const {
  auto it = component_ids_.find(component);
  return it == component_ids_.end() ? Traffic{}
                                    : traffic_[it->second][static_cast<std::size_t>(plane)];
}

std::vector<ComponentTraffic> EngineCore::all_traffic() const {
  std::vector<ComponentTraffic> out;
  for (const auto& [component, id] : component_ids_) {  // sorted by name
    for (Plane plane : {Plane::data, Plane::control}) {
      const Traffic& t = traffic_[id][static_cast<std::size_t>(plane)];
      if (t.messages > 0) out.push_back(ComponentTraffic{component, plane, t});
    }
  }
  return out;
}

void EngineCore::run_due(SimTime limit) {
  SimTime at{};
  std::uint32_t slot = 0;
  while (queue_.pop_due(limit, at, slot)) {
    // Runs the event in its slot, then frees the slot, also when a callback throws.
    struct Release {
      EngineCore& e;
      std::uint32_t slot;
      ~Release() {
        Pending& ev = e.queue_.payload(slot);
        ev.fn = nullptr;  // what a timer captured goes now, not when the slot is reused
        ev.flight.msg.body.reset();
        e.queue_.release(slot);
        if (!e.closed_.empty()) e.free_closed_handlers();
      }
    } release{*this, slot};
    Pending& ev = queue_.payload(slot);
    now_ = at;
    ++events_;
    switch (ev.kind) {
      case Pending::Kind::timer:
        ev.fn();
        break;
      case Pending::Kind::arrival:
        arrive(ev.flight);
        break;
      case Pending::Kind::bounce:
        bounce_home(ev.flight);
        break;
    }
  }
}

void EngineCore::arrive_at(SimTime at, Flight& flight) {
  now_ = at;
  ++events_;
  arrive(flight);
  if (!closed_.empty()) free_closed_handlers();
}

void EngineCore::arrive(Flight& f) {
  // Both hosts were up at the send: unchanged epochs mean they stayed up.
  if (host_epoch_[f.dst] != f.dst_epoch || host_epoch_[f.src] != f.src_epoch) {
    ++dropped_;
    return;
  }
  const EndpointState& to = endpoints_[f.msg.to];
  if (to.open) {
    to.handler(f.msg);
    return;
  }
  // The closed endpoint's host answers with a reset, a bare packet back to the sender.
  ++refused_;
  Pending* back = nullptr;
  queue_.push(now_ + platform_.latency(f.dst, f.src), back);
  back->kind = Pending::Kind::bounce;
  load_flight(back->flight, std::move(f.msg), f.src, f.dst);
  back->flight.msg.status = DeliveryStatus::refused;
}

void EngineCore::bounce_home(Flight& f) {
  const EndpointState& sender = endpoints_[f.msg.from];
  if (!sender.open || host_epoch_[f.src] != f.src_epoch) {
    ++dropped_;
    return;
  }
  sender.handler(f.msg);
}

void EngineCore::check_run_target(SimTime end) const {
  if (end < now_) {
    throw std::invalid_argument("run_until: end " + std::to_string(end.count()) +
                                " ns is before now " + std::to_string(now_.count()) + " ns");
  }
}

}  // namespace discolab

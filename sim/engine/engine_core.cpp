#include "sim/engine/engine_core.h"

#include <stdexcept>

namespace discolab {

EngineCore::EngineCore(std::string_view name, const Platform& platform, std::uint64_t seed)
    : platform_(platform),
      name_(name),
      seed_(seed),
      host_up_(platform.host_count(), 1),
      host_epoch_(platform.host_count(), 0) {}

TimerId EngineCore::schedule(Duration delay, TimerCallback fn) {
  if (delay.count() < 0) throw std::invalid_argument("schedule: negative delay");
  const SimTime at = delay > kNever - now_ ? kNever : now_ + delay;
  Pending p;
  p.fn = std::move(fn);
  return queue_.push(at, std::move(p));
}

bool EngineCore::cancel(TimerId id) {
  const Pending* p = queue_.find(id);
  return p != nullptr && p->kind == Pending::Kind::timer && queue_.cancel(id);
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
  endpoints_.push_back(EndpointState{host, it->second, true, std::move(handler)});
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
  if (host >= host_up_.size()) {
    throw std::out_of_range("set_host_up: no host " + std::to_string(host) + " on the platform");
  }
  if ((host_up_[host] != 0) == up) return;
  if (!up) ++host_epoch_[host];
  host_up_[host] = up ? 1 : 0;
  host_state_changed(host, up);
}

Traffic EngineCore::traffic(std::string_view component, Plane plane) const {
  auto it = component_ids_.find(component);
  return it == component_ids_.end() ? Traffic{}
                                    : traffic_[it->second][static_cast<std::size_t>(plane)];
}

std::vector<ComponentTraffic> EngineCore::all_traffic() const {
  std::vector<ComponentTraffic> out;
  for (const auto& [component, id] : component_ids_) {
    for (Plane plane : {Plane::data, Plane::control}) {
      const Traffic& t = traffic_[id][static_cast<std::size_t>(plane)];
      if (t.messages > 0) out.push_back(ComponentTraffic{component, plane, t});
    }
  }
  return out;
}

bool EngineCore::accept(Message&& msg, Flight& flight, HostId& src, HostId& dst) {
  if (msg.from >= endpoints_.size()) {
    ++dropped_;
    return false;
  }
  const EndpointState& from = endpoints_[msg.from];
  if (!from.open || host_up_[from.host] == 0) {
    ++dropped_;
    return false;
  }
  Traffic& t = traffic_[from.component][static_cast<std::size_t>(msg.plane)];
  ++t.messages;
  t.bytes += msg.size_bytes;
  if (msg.to >= endpoints_.size()) {
    ++dropped_;
    return false;
  }
  src = from.host;
  dst = endpoints_[msg.to].host;
  if (host_up_[dst] == 0) {  // lost like a packet to a dead host (SimGrid cannot even start it)
    ++dropped_;
    return false;
  }
  flight.src_epoch = host_epoch_[src];
  flight.dst_epoch = host_epoch_[dst];
  flight.msg = std::move(msg);
  return true;
}

void EngineCore::dispatch(SimTime at, Pending& ev) {
  now_ = at;
  ++events_;
  switch (ev.kind) {
    case Pending::Kind::timer:
      ev.fn();
      ev.fn = nullptr;  // release what it captured now, not at the next event
      break;
    case Pending::Kind::arrival:
      arrive(ev.flight);
      break;
    case Pending::Kind::bounce:
      bounce_home(ev.flight);
      break;
  }
  if (!closed_.empty()) free_closed_handlers();
}

void EngineCore::arrive(Flight& f) {
  const EndpointState& to = endpoints_[f.msg.to];
  const HostId dst = to.host;
  const HostId src = endpoints_[f.msg.from].host;
  if (host_up_[dst] == 0 || host_epoch_[dst] != f.dst_epoch || host_epoch_[src] != f.src_epoch) {
    ++dropped_;
    return;
  }
  if (to.open) {
    to.handler(f.msg);
    return;
  }
  // The closed endpoint's host answers with a reset, a bare packet back to the sender.
  ++refused_;
  Pending back;
  back.kind = Pending::Kind::bounce;
  back.flight.msg = std::move(f.msg);
  back.flight.msg.status = DeliveryStatus::refused;
  back.flight.src_epoch = host_epoch_[src];
  back.flight.dst_epoch = host_epoch_[dst];
  queue_.push(now_ + platform_.latency(dst, src), std::move(back));
}

void EngineCore::bounce_home(Flight& f) {
  const EndpointState& sender = endpoints_[f.msg.from];
  if (!sender.open || host_up_[sender.host] == 0 || host_epoch_[sender.host] != f.src_epoch) {
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

// What the fast and simgrid engines share: the clock, the event queue of timers and
// latency-only deliveries, endpoints, hosts up or down, traffic counters, and what happens to a
// message when it reaches its destination (delivered, refused back, or dropped).
//
// Each host has an epoch, its number of state changes (even: up, odd: down). A message is sent
// only between up hosts and records both epochs; at delivery a changed epoch means a host
// failed meanwhile (even if it is back up), and the message is dropped, as SimGrid fails a
// communication whose host turns off.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "sim/engine/engine.h"
#include "sim/engine/event_queue.h"
#include "sim/engine/stable_vector.h"

namespace discolab {

class EngineCore : public Engine {
 public:
  EngineCore(std::string_view name, const Platform& platform, std::uint64_t seed);

  // Runtime
  SimTime now() const override { return now_; }
  TimerId schedule(Duration delay, TimerCallback fn) override;
  bool cancel(TimerId id) override;
  EndpointId open(HostId host, std::string_view component, MessageHandler handler) override;
  void close(EndpointId endpoint) override;
  HostId host_of(EndpointId endpoint) const override;
  RandomStream random(std::string_view entity, std::string_view purpose) const override;
  Observer& observer() override { return *observer_; }

  // Engine
  std::string_view name() const override { return name_; }
  const Platform& platform() const override { return platform_; }
  void set_host_up(HostId host, bool up) override;
  bool host_up(HostId host) const override { return (host_epoch_.at(host) & 1) == 0; }
  void set_observer(Observer& observer) override { observer_ = &observer; }
  Traffic traffic(std::string_view component, Plane plane) const override;
  std::vector<ComponentTraffic> all_traffic() const override;
  std::uint64_t events_processed() const override { return events_; }
  std::uint64_t messages_dropped() const override { return dropped_; }
  std::uint64_t messages_refused() const override { return refused_; }

 protected:
  // A message on its way, with its hosts' failure epochs at the send.
  struct Flight {
    Message msg;
    HostId src = kNoHost;  // msg.from's host
    HostId dst = kNoHost;  // msg.to's host
    std::uint32_t src_epoch = 0;
    std::uint32_t dst_epoch = 0;
  };
  // What the queue holds: a timer, a message arriving at its destination, or a refused message
  // arriving back at its sender.
  struct Pending {
    enum class Kind : std::uint8_t { timer, arrival, bounce };
    Kind kind = Kind::timer;
    TimerCallback fn;
    Flight flight;
  };

  // Checks the sender and counts the traffic. Returns the end hosts of a message worth sending,
  // or false (after counting a drop) if it goes nowhere: unknown or closed sender, sender or
  // destination host down (a packet to a dead host is lost), unknown destination.
  bool accept(const Message& msg, HostId& src, HostId& dst);
  // Fills a flight with the message and its hosts' current failure epochs.
  void load_flight(Flight& flight, Message&& msg, HostId src, HostId dst);
  // Queues the arrival of `msg` at absolute time `at`.
  void push_arrival(SimTime at, Message&& msg, HostId src, HostId dst);
  // Runs every queued event due at or before `limit`, each at its own time.
  void run_due(SimTime limit);
  // A flight carried outside the queue (a SimGrid comm) reached its destination at `at`.
  void arrive_at(SimTime at, Flight& flight);
  void check_run_target(SimTime end) const;
  // Called after the host's state changed (simgrid turns the SimGrid host off or on).
  virtual void host_state_changed(HostId /*host*/, bool /*up*/) {}

  SimTime now_{0};
  EventQueue<Pending> queue_;
  std::uint64_t events_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t refused_ = 0;
  Platform platform_;

 private:
  struct EndpointState {
    HostId host = kNoHost;
    bool open = false;
    std::array<Traffic, 2>* traffic = nullptr;  // its component's counters, by plane
    MessageHandler handler;
  };
  // The message reached its destination host now: deliver, refuse back or drop.
  void arrive(Flight& flight);
  void bounce_home(Flight& flight);
  void free_closed_handlers();

  std::string name_;
  std::uint64_t seed_;
  // Stable: a handler may open endpoints while it runs, which must not move it.
  StableVector<EndpointState> endpoints_;
  // Endpoints closed since the last event began: their handlers are freed after it, since a
  // handler may close its own endpoint while it runs.
  std::vector<EndpointId> closed_;
  std::map<std::string, std::uint32_t, std::less<>> component_ids_;
  StableVector<std::array<Traffic, 2>> traffic_;  // by component id, then plane
  std::vector<std::uint32_t> host_epoch_;
  NullObserver null_observer_;
  Observer* observer_ = &null_observer_;
};

// The message path, inline: every message of the fast engine takes it.

inline bool EngineCore::accept(const Message& msg, HostId& src, HostId& dst) {
  if (msg.from >= endpoints_.size()) {
    ++dropped_;
    return false;
  }
  const EndpointState& from = endpoints_[msg.from];
  if (!from.open || (host_epoch_[from.host] & 1) != 0) {
    ++dropped_;
    return false;
  }
  Traffic& t = (*from.traffic)[static_cast<std::size_t>(msg.plane)];
  ++t.messages;
  t.bytes += msg.size_bytes;
  if (msg.to >= endpoints_.size() || (host_epoch_[endpoints_[msg.to].host] & 1) != 0) {
    ++dropped_;
    return false;
  }
  src = from.host;
  dst = endpoints_[msg.to].host;
  return true;
}

inline void EngineCore::load_flight(Flight& flight, Message&& msg, HostId src, HostId dst) {
  flight.msg = std::move(msg);
  flight.src = src;
  flight.dst = dst;
  flight.src_epoch = host_epoch_[src];
  flight.dst_epoch = host_epoch_[dst];
}

inline void EngineCore::push_arrival(SimTime at, Message&& msg, HostId src, HostId dst) {
  Pending* p = nullptr;
  queue_.push(at, p);
  p->kind = Pending::Kind::arrival;
  load_flight(p->flight, std::move(msg), src, dst);
}

}  // namespace discolab

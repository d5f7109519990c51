// What the fast and simgrid engines share: the clock, the event queue of timers and
// latency-only deliveries, endpoints, hosts up or down, traffic counters, and what happens to a
// message when it reaches its destination (delivered, refused back, or dropped).
//
// A message in flight records each end host's failure epoch (the number of times the host went
// down) at the send; at delivery a changed epoch means the host failed meanwhile, and the
// message is dropped, as SimGrid fails a communication whose host turns off.
#pragma once

#include <array>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "sim/engine/engine.h"
#include "sim/engine/event_queue.h"

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
  bool host_up(HostId host) const override { return host_up_.at(host) != 0; }
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

  // Checks the sender and counts the traffic. Returns the flight to send, with the end hosts
  // in `src`/`dst`; false (after counting a drop) if the message goes nowhere.
  bool accept(Message&& msg, Flight& flight, HostId& src, HostId& dst);
  // Runs one event taken from the queue at time `at`.
  void dispatch(SimTime at, Pending& ev);
  // The message reached its destination host now: deliver, refuse back or drop.
  void arrive(Flight& flight);
  void check_run_target(SimTime end) const;
  // Called after the host's state changed (simgrid turns the SimGrid host off or on).
  virtual void host_state_changed(HostId /*host*/, bool /*up*/) {}

  SimTime now_{0};
  EventQueue<Pending> queue_;
  Pending scratch_;  // reused by the run loops to receive popped events
  std::uint64_t events_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t refused_ = 0;
  Platform platform_;

 private:
  struct EndpointState {
    HostId host = kNoHost;
    std::uint32_t component = 0;
    bool open = false;
    MessageHandler handler;
  };
  void bounce_home(Flight& flight);
  void free_closed_handlers();

  std::string name_;
  std::uint64_t seed_;
  // A deque: a handler may open endpoints while it runs, which must not move it.
  std::deque<EndpointState> endpoints_;
  // Endpoints closed since the last event began: their handlers are freed after it, since a
  // handler may close its own endpoint while it runs.
  std::vector<EndpointId> closed_;
  std::map<std::string, std::uint32_t, std::less<>> component_ids_;
  std::vector<std::array<Traffic, 2>> traffic_;  // by component id, then plane
  std::vector<std::uint8_t> host_up_;
  std::vector<std::uint32_t> host_epoch_;
  NullObserver null_observer_;
  Observer* observer_ = &null_observer_;
};

}  // namespace discolab

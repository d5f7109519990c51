// A Runtime for unit tests: time moves only when the test says so.
//
// Every message takes `message_delay` (fixed, the same for every pair of endpoints). Hosts
// can be set down (messages to and from them are dropped) to test failure paths. Counters
// of messages and bytes per sending component let tests check control-plane cost.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "patterns/core/observer.h"
#include "patterns/core/runtime.h"

namespace discolab {

class ManualRuntime final : public Runtime {
 public:
  explicit ManualRuntime(std::uint64_t seed = 1,
                         Duration message_delay = std::chrono::milliseconds(1));

  SimTime now() const override { return now_; }
  TimerId schedule(Duration delay, TimerCallback fn) override;
  bool cancel(TimerId id) override;
  EndpointId open(HostId host, std::string_view component, MessageHandler handler) override;
  void close(EndpointId endpoint) override;
  HostId host_of(EndpointId endpoint) const override;
  void send(Message msg) override;
  RandomStream random(std::string_view entity, std::string_view purpose) const override;
  Observer& observer() override { return *observer_; }

  // Replaces the observer (not owned; must outlive the runtime's use of it).
  void set_observer(Observer& observer) { observer_ = &observer; }
  void set_message_delay(Duration d) { message_delay_ = d; }
  void set_host_up(HostId host, bool up);
  bool host_up(HostId host) const { return !down_hosts_.contains(host); }

  // Runs every event due at or before now() + d, then sets the clock to now() + d.
  void advance(Duration d);
  // Runs events until time `t` (inclusive) and leaves the clock at `t`.
  void run_until(SimTime t);
  // Runs until no event is pending (beware of periodic timers) or `limit` events ran.
  std::size_t run_all(std::size_t limit = 1'000'000);
  std::size_t pending() const { return live_events_; }

  struct Traffic {
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
  };
  // Sent messages per sending component and plane, whatever became of them.
  Traffic traffic(std::string_view component, Plane plane = Plane::control) const;
  std::uint64_t dropped() const { return dropped_; }

 private:
  struct Event {
    SimTime at{};
    std::uint64_t seq;
    TimerId id;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
  };
  struct EndpointState {
    HostId host = kNoHost;
    std::string component;
    MessageHandler handler;
    bool open = false;
  };

  TimerId push(Duration delay, TimerCallback fn);
  void deliver(Message msg);
  bool step_until(SimTime t);

  std::uint64_t seed_;
  Duration message_delay_;
  SimTime now_{0};
  std::uint64_t next_seq_ = 1;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  std::unordered_map<TimerId, TimerCallback> callbacks_;
  std::size_t live_events_ = 0;
  std::vector<EndpointState> endpoints_;
  std::set<HostId> down_hosts_;
  std::map<std::pair<std::string, Plane>, Traffic> traffic_;
  std::uint64_t dropped_ = 0;
  NullObserver null_observer_;
  Observer* observer_ = &null_observer_;
};

}  // namespace discolab

// An engine: the Runtime the patterns run on, plus what the simulator needs to drive it.
//
// Two engines implement it (docs/architecture.md, decision 2; docs/engines.md):
// - "fast": our own event queue; a message takes the platform's precomputed route delay
//   (latency + size / bottleneck bandwidth), without contention;
// - "simgrid": every message of a non-zero size between two hosts is a SimGrid communication,
//   sharing link bandwidth with the others in flight; host failures go through SimGrid.
//   One per process (simgrid_session.h).
//
// Semantics are those of runtime.h and message.h, for both engines:
// - events run in time order, FIFO at equal times (simgrid: ties between a communication that
//   completes and a timer follow SimGrid's order);
// - a message from a closed or unknown endpoint, or from a down host, is dropped at the send and
//   not counted as traffic;
// - a message to an unknown endpoint or to a down host is counted as traffic and dropped
//   silently (the sender's timeout fires), as is one whose source or destination host goes down
//   at any time while it is in flight, even if the host is back up when it would arrive;
// - a message to a closed endpoint on an up host is refused: it returns to the sender, status
//   refused, after the route's latency back (the reset is a bare packet), unless by then the
//   sender is closed or its host down or was down meanwhile;
// - messages between endpoints of one host take kLoopbackLatency (platform.h) in both engines.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/core/observer.h"
#include "patterns/core/runtime.h"
#include "sim/platform/platform.h"

namespace discolab {

// Messages and bytes sent by one kind of component on one plane, whatever became of them.
struct Traffic {
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
};

struct ComponentTraffic {
  std::string component;
  Plane plane = Plane::control;
  Traffic traffic;
};

class Engine : public Runtime {
 public:
  virtual std::string_view name() const = 0;
  virtual const Platform& platform() const = 0;

  // Runs every event due at or before `end`, then leaves now() == end. Throws
  // std::invalid_argument if end < now(). Exceptions thrown by callbacks propagate out.
  virtual void run_until(SimTime end) = 0;

  // A down host drops every message to or from it (also those in flight). Its endpoints stay
  // open: a crashed container is close(), not a host failure. Throws std::out_of_range for an
  // unknown host.
  virtual void set_host_up(HostId host, bool up) = 0;
  virtual bool host_up(HostId host) const = 0;

  // Replaces the observer (not owned; must outlive the engine's use of it).
  virtual void set_observer(Observer& observer) = 0;

  virtual Traffic traffic(std::string_view component, Plane plane) const = 0;
  // Every (component, plane) that sent something, sorted by component then plane.
  virtual std::vector<ComponentTraffic> all_traffic() const = 0;

  // Timers fired and messages delivered, refused or dropped in flight.
  virtual std::uint64_t events_processed() const = 0;
  virtual std::uint64_t messages_dropped() const = 0;
  virtual std::uint64_t messages_refused() const = 0;
};

// "fast" or "simgrid"; throws std::invalid_argument for another name. The engine keeps a copy
// of the platform. The simgrid engine throws std::logic_error when one already ran in this
// process.
std::unique_ptr<Engine> make_engine(std::string_view name, const Platform& platform,
                                    std::uint64_t seed);

}  // namespace discolab

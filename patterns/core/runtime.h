// The runtime interface the patterns are written against (docs/architecture.md, decision 1).
//
// A clock, cancellable timers, endpoints that send and receive messages with a payload size,
// seeded random streams, and the observer that views and requests report to. The engines in
// sim/ implement it over the simulated platform; ManualRuntime implements it for unit tests.
// Pattern code sees nothing else of the simulator.
//
// Contract:
// - Callbacks and handlers run one at a time, in simulated-time order; at equal times, in the
//   order they were scheduled or sent (FIFO), so runs are deterministic.
// - A timer callback never runs after cancel() returned; cancel() on a fired, cancelled or
//   unknown id is a no-op returning false.
// - A handler is called with messages to its endpoint until close(); after close() further
//   messages to it are refused (host up) or dropped (host down).
// - Nothing runs re-entrantly: schedule()/send() from inside a callback only enqueue.
#pragma once

#include <functional>
#include <string_view>

#include "patterns/core/ids.h"
#include "patterns/core/message.h"
#include "patterns/core/random.h"
#include "patterns/core/time.h"

namespace discolab {

class Observer;

using TimerCallback = std::function<void()>;
using MessageHandler = std::function<void(const Message&)>;

class Runtime {
 public:
  virtual ~Runtime() = default;

  virtual SimTime now() const = 0;

  // Runs `fn` once, `delay` from now (delay >= 0). Returns an id that is never kNoTimer.
  virtual TimerId schedule(Duration delay, TimerCallback fn) = 0;
  virtual bool cancel(TimerId id) = 0;

  // Opens an endpoint on `host`. `component` names the kind of component ("registry",
  // "client", "instance", "dns-server" …): control-plane cost is accounted per component.
  virtual EndpointId open(HostId host, std::string_view component, MessageHandler handler) = 0;
  virtual void close(EndpointId endpoint) = 0;
  virtual HostId host_of(EndpointId endpoint) const = 0;

  // Sends `msg` from msg.from to msg.to; delivery after the route's delay (see message.h for
  // refused and dropped messages). Sending from a closed endpoint or a down host drops it.
  virtual void send(Message msg) = 0;

  // The stream keyed by (run seed, entity, purpose); the same key gives the same sequence.
  virtual RandomStream random(std::string_view entity, std::string_view purpose) const = 0;

  virtual Observer& observer() = 0;
};

}  // namespace discolab

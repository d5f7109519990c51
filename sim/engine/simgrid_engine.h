// The simgrid engine: every message of a non-zero size between two hosts is a SimGrid
// communication (Comm::sendto_async) over the platform's links, so messages in flight share
// bandwidth (flow-level max-min fairness); host failures turn the SimGrid host off, which fails
// the communications it takes part in.
//
// Design: our timers stay in our own event queue. Each run_until() starts one controller actor
// on a host outside the platform (so no host failure can kill it); it waits with
// Comm::wait_any_for(in-flight comms, time to the next timer or the run's end) and handles
// completions and timers in time order, then ends at the run's end, leaving the SimGrid clock
// there. Callbacks therefore run inside that actor. Messages SimGrid cannot carry as a flow
// take a timer instead: zero-byte messages (a zero-byte comm never completes in SimGrid 3.32)
// after the route's latency, same-host messages after kLoopbackLatency, and refused messages
// back after the route's latency, exactly as in the fast engine.
//
// Cost: about 4 µs per message and a linear scan of the in-flight comms per wait (3.32 has no
// activity set). One per process: constructing a second throws std::logic_error
// (simgrid_session.h).
#pragma once

#include <exception>
#include <memory>

#include "sim/engine/engine_core.h"
#include "sim/platform/simgrid_session.h"

namespace discolab {

class SimGridEngine final : public EngineCore {
 public:
  SimGridEngine(const Platform& platform, std::uint64_t seed);
  ~SimGridEngine() override;

  void send(Message msg) override;
  void run_until(SimTime end) override;

 private:
  struct Comms;  // the in-flight SimGrid comms, kept out of this header
  void control_loop();
  bool wait_until(SimTime wake, std::ptrdiff_t& done);
  void complete(std::size_t index);
  void drop_failed();
  void host_state_changed(HostId host, bool up) override;

  SimGridHosts hosts_;
  std::unique_ptr<Comms> comms_;
  std::vector<Flight> flights_;  // parallel to the comms
  SimTime end_{0};
  bool controller_running_ = false;
  std::exception_ptr error_;
};

}  // namespace discolab

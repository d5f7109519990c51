// Open-loop traffic: each caller issues requests as a Poisson process at the client's rate,
// multiplied by the factor of any burst in force (a step when the burst has no end inside
// the run). Arrivals never wait for answers (open loop), so a slow pattern cannot slow its
// own offered load down, and every pattern sees the same arrival instants.
//
// The process starts when start() is called (the client's start: docs/cluster.md), so the
// first arrival is one exponential draw after it. Arrivals are drawn from the stream keyed by
// (caller name, "arrivals"). Each request carries a hash key (what ring hash and Maglev hash):
// with `sessions: N` one of N session keys shared by the client group (1 … N, drawn uniformly
// from the stream (caller name, "session")), so a session's requests meet again on one
// instance; with no sessions a fresh 64-bit key per request. With a piecewise
// constant rate the process restarts at each rate change, which is exact for a Poisson process.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "patterns/core/pattern.h"
#include "patterns/core/runtime.h"
#include "sim/scenario/scenario.h"

namespace discolab {

class CallerWorkload {
 public:
  // `id_base` makes request ids unique across callers (ids are id_base + 0, 1, 2 …).
  CallerWorkload(Runtime& rt, const ClientSpec& spec, std::string caller_name, Caller& caller,
                 std::uint64_t id_base, SimTime end);
  void start();
  // Every request carries `route` (an index + 1 into the run's route table; 0: none).
  void set_route(RouteId route) { route_ = route; }
  std::uint64_t issued() const { return issued_; }
  // The rate in force at `t`, per second.
  double rate_at(SimTime t) const;

 private:
  void arm();
  SimTime next_rate_change(SimTime t) const;

  Runtime& rt_;
  const ClientSpec& spec_;
  std::string name_;
  Caller& caller_;
  std::uint64_t id_base_;
  SimTime end_{};
  RandomStream arrivals_;
  RandomStream sessions_;
  std::vector<SimTime> changes_;  // sorted instants where the rate may change
  std::uint64_t issued_ = 0;
  RouteId route_ = 0;
};

}  // namespace discolab

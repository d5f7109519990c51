// The fast engine: our own event queue, messages delayed by the platform's precomputed routes.
//
// A message is one queue event: it arrives latency + size / bottleneck bandwidth after the
// send (Platform::delay), whatever else is in flight: no contention, no queueing in the
// network. That is the right model wherever the network is not the bottleneck, at a cost of a
// few hundred nanoseconds per message (docs/engines.md). Use the simgrid engine where
// bandwidth sharing matters.
#pragma once

#include "sim/engine/engine_core.h"

namespace discolab {

class FastEngine final : public EngineCore {
 public:
  FastEngine(const Platform& platform, std::uint64_t seed);

  void send(Message msg) override;
  void run_until(SimTime end) override;
};

}  // namespace discolab

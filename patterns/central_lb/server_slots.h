// HAProxy's per-server `maxconn` with the backend queue: at most `maxconn` tries in flight to
// each backend server; a request that finds every server full waits at the LB, in arrival
// order, until a slot frees, or fails after `queue_timeout`.
//
// HAProxy doc/configuration.txt, server option `maxconn <maxconn>`: "the maximal number of
// concurrent connections that will be sent to this server. If the number of incoming
// concurrent connections goes higher than this value, they will be queued, waiting for a slot
// to be released." The default 0 means unlimited. `timeout queue <timeout>`: "When a server's
// maxconn is reached, connections are left pending in a queue which may be server-specific or
// global to the backend. In order not to wait indefinitely, a timeout is applied to requests
// pending in the queue. If the timeout is reached, it is considered that the request will
// almost never be served, so it is dropped and a 503 error is returned to the client."
// Requests balanced by an algorithm (no persistence) wait in the backend's queue, and a server
// whose connection ends takes the oldest one (src/queue.c, process_srv_queue); the balancing
// algorithms skip full servers.
//
// Model: a TargetChooser between the LB's upstream leg (RetryingCaller) and the upstream.
// choose() asks the upstream for a pick, avoiding full servers (and tried ones); should the pick
// still land on a full server, the next server with a free slot in list order takes the try.
// With every routable server full it answers WaitForTarget: the leg parks the try, without a
// try timeout, in arrival order; when a try to a full server ends, the parked tries are
// resumed in that order, so the oldest takes the freed slot. A try parked for `queue_timeout`
// fails with FailureCause::overloaded (HAProxy's 503). With workers: 1 per instance and
// maxconn 1 the backend is M/M/c with its queue at the LB (docs/validation.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "patterns/core/runtime.h"
#include "patterns/upstream/upstream.h"

namespace discolab {

struct ServerSlotsConfig {
  std::uint32_t maxconn = 0;  // per server; 0: no limit (HAProxy's default)
  Duration queue_timeout = std::chrono::seconds(10);
};

class ServerSlots final : public TargetChooser {
 public:
  // `inner` picks (the upstream, or a route chooser over it); `upstream` lists the routable
  // servers. Both outlive this chooser.
  ServerSlots(Runtime& rt, ServerSlotsConfig config, TargetChooser& inner,
              const Upstream& upstream);
  ~ServerSlots() override;
  ServerSlots(const ServerSlots&) = delete;
  ServerSlots& operator=(const ServerSlots&) = delete;

  TargetChoice choose(const Request& request, std::span<const InstanceId> tried) override;
  void on_ready(std::function<void()> ready) override;
  void try_started(const CallTarget& target) override;
  void try_finished(const CallTarget& target, Duration latency, bool ok) override;

  std::uint32_t in_flight(InstanceId instance) const;
  std::size_t waiting() const { return waiting_.size(); }
  std::uint64_t queue_timeouts() const { return queue_timeouts_; }

 private:
  struct Waiting {
    SimTime since{};
    TimerId timer = kNoTimer;
  };
  bool full(InstanceId instance) const { return in_flight(instance) >= config_.maxconn; }
  void stop_waiting(std::uint64_t request);

  Runtime& rt_;
  ServerSlotsConfig config_;
  TargetChooser& inner_;
  const Upstream& upstream_;
  std::function<void()> ready_;
  std::map<InstanceId, std::uint32_t> in_flight_;  // tries in flight per server
  std::map<std::uint64_t, Waiting> waiting_;       // by request id: parked requests
  std::vector<InstanceId> avoid_;                  // scratch: tried + full
  std::uint64_t queue_timeouts_ = 0;
};

}  // namespace discolab

// An instance serving requests: the request protocol (patterns/core/data_plane.h) over a
// ServerCore (workers, FIFO queue of at most `queue_limit`, the service's service times).
//
// The server answers RequestMsg with ResponseMsg once served, and with RejectMsg when it is
// not accepting (starting, not yet ready) or its queue is full. It answers active health
// checks (HealthCheckMsg) on the same endpoint: healthy once ready (accepting), unhealthy
// before, so an LB's or client's checker sees what a real /health endpoint would say. When the
// container crashes, abort() drops every queued and in-service request and resets its connection: a
// ResetMsg to each caller, which the cluster must call before it closes the endpoint. On a host
// that is already down the resets are dropped with everything else it sends, so those callers time
// out (a dead host answers nothing). A crashed container's endpoint is closed by the cluster,
// so *new* requests are refused.
#pragma once

#include <cstdint>
#include <memory>

#include "patterns/core/message.h"
#include "patterns/core/random.h"
#include "patterns/core/runtime.h"
#include "patterns/server/server_core.h"
#include "sim/cluster/cluster_events.h"
#include "sim/cluster/instance_calls.h"
#include "sim/scenario/scenario.h"

namespace discolab {

class InstanceServer {
 public:
  // `events` (optional, not owned) hears served(id) for every request served.
  InstanceServer(Runtime& rt, const ServiceSpec& spec, RandomStream service_times,
                 ClusterEvents* events = nullptr, InstanceId id = kNoInstance);

  // The endpoint the server answers from; set once the container's endpoint is open.
  void bind(EndpointId endpoint) { endpoint_ = endpoint; }
  void set_accepting(bool accepting) { accepting_ = accepting; }
  // The calls its requests make (the service call graph); the worker that served a request
  // stays busy until its calls are over (thread per request), then it answers: a
  // RejectMsg{downstream_failed} when a call failed and the service fails on it.
  void set_calls(std::unique_ptr<InstanceCalls> calls) { calls_ = std::move(calls); }
  InstanceCalls* calls() const { return calls_.get(); }
  void handle(const Message& msg);
  void abort();

  std::uint64_t served() const { return core_.served(); }
  std::uint64_t rejected() const { return rejected_; }
  int busy() const { return core_.busy(); }
  std::size_t queued() const { return core_.queued(); }

 private:
  void done(const ServerJob& job);
  void reply_reject(const Message& msg, std::uint64_t try_id);

  Runtime& rt_;
  ClusterEvents* events_;
  InstanceId id_;
  EndpointId endpoint_ = kNoEndpoint;
  bool accepting_ = false;
  ServerCore core_;
  std::uint64_t rejected_ = 0;
  std::unique_ptr<InstanceCalls> calls_;
};

}  // namespace discolab

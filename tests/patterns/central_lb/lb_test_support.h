// What the central LB's tests share: a pattern on the fake cluster (manual clock, 1 ms per
// message), its base configuration and a raw client that talks to the LB's frontend.
#pragma once

#include <any>
#include <vector>

#include "patterns/central_lb/central_lb_pattern.h"
#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"
#include "tests/patterns/conformance/fake_cluster.h"

namespace discolab::test {

// Orchestrator registration (exact: the scheduler writes at once), watch, no checks.
inline CentralLbConfig base_config() {
  CentralLbConfig c;
  c.registry_host = kComponentHost;
  c.lb_host = kComponentHost;
  c.registration.mode = RegistrationMode::orchestrator;
  c.registration.orchestrator_host = kComponentHost;
  c.lb.source = LbSource::watch;
  c.lb.retries = 0;
  return c;
}

// A raw client on the caller host: sends RequestMsg to an address, records every answer and
// when it arrived.
struct RawClient {
  explicit RawClient(ManualRuntime& rt) : rt(rt) {
    ep = rt.open(kCallerHost, "client", [this](const Message& m) {
      answers.push_back(m);
      answered_at.push_back(this->rt.now());
    });
  }
  void send(EndpointId to, std::uint64_t try_id) {
    Request r;
    r.id = try_id;
    r.origin = 7;
    rt.send(Message{ep, to, kRequestBytes, Plane::data, DeliveryStatus::delivered,
                    RequestMsg{try_id, r}});
  }
  std::size_t count_of_cause(FailureCause cause) const {
    std::size_t n = 0;
    for (const Message& m : answers) {
      const auto* rej = std::any_cast<RejectMsg>(&m.body);
      n += rej != nullptr && rej->cause == cause;
    }
    return n;
  }
  std::size_t responses() const {
    std::size_t n = 0;
    for (const Message& m : answers) n += std::any_cast<ResponseMsg>(&m.body) != nullptr;
    return n;
  }
  // The try ids of the responses, in the order they arrived.
  std::vector<std::uint64_t> response_order() const {
    std::vector<std::uint64_t> ids;
    for (const Message& m : answers)
      if (const auto* r = std::any_cast<ResponseMsg>(&m.body)) ids.push_back(r->try_id);
    return ids;
  }
  ManualRuntime& rt;
  EndpointId ep = kNoEndpoint;
  std::vector<Message> answers;
  std::vector<SimTime> answered_at;
};

struct Setup {
  explicit Setup(CentralLbConfig config) : pattern(cluster.rt, std::move(config)) {
    cluster.attach(pattern);
  }
  FakeCluster cluster;
  CentralLbPattern pattern;
};

}  // namespace discolab::test

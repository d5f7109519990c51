// A tiny fake cluster for the pattern conformance suite: instances on hosts 1..3 that answer
// every request after their service time, a component host (0) for the pattern's own parts
// (registry, LB …) and callers on host 9, all on a ManualRuntime (1 ms per message). It drives
// a DiscoveryPattern through the container lifecycle as sim/cluster does: started → ready →
// stopping (drains, still serving) → gone, or crashed (endpoint closed at once) → gone.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"
#include "patterns/core/pattern.h"
#include "patterns/health/health_check_responder.h"

namespace discolab::test {

inline constexpr HostId kComponentHost = 0;
inline constexpr HostId kCallerHost = 9;

// Records what callers did: each try's target, each request's outcome.
struct TrafficLog final : Observer {
  std::vector<InstanceId> tries;
  std::vector<SimTime> try_times;
  std::vector<RequestOutcome> outcomes;
  const Runtime* rt = nullptr;
  ViewId views = 0;
  ViewId view_opened(std::string_view, std::string_view) override { return views++; }
  void view_changed(ViewId, std::span<const InstanceId>) override {}
  void view_closed(ViewId) override {}
  void try_sent(InstanceId target, CallerTag) override {
    tries.push_back(target);
    try_times.push_back(rt->now());
  }
  void request_done(const RequestOutcome& o) override { outcomes.push_back(o); }
  void count(std::string_view, std::uint64_t) override {}

  // Tries sent to `id` at or after `from`.
  std::size_t tries_to(InstanceId id, SimTime from = SimTime{0}) const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < tries.size(); ++k) n += tries[k] == id && try_times[k] >= from;
    return n;
  }
};

class FakeCluster {
 public:
  explicit FakeCluster(std::uint64_t seed = 1) : rt(seed, std::chrono::milliseconds(1)) {
    log.rt = &rt;
    rt.set_observer(log);
  }

  void attach(DiscoveryPattern& p) {
    pattern = &p;
    pattern->start();
  }

  // Starts an instance of "web" (version label `version`) on host 1 + (n mod 3) and makes it
  // ready.
  InstanceId add_instance(Duration service_time = std::chrono::milliseconds(1),
                          std::string version = "") {
    const auto id = static_cast<InstanceId>(100 + endpoints_.size());
    InstanceInfo info;
    info.id = id;
    info.service = "web";
    info.name = "web-" + std::to_string(id);
    info.host = static_cast<HostId>(1 + endpoints_.size() % 3);
    info.version = std::move(version);
    info.endpoint = rt.open(info.host, "instance", [this, service_time](const Message& m) {
      if (HealthCheckResponder::answer(rt, m, true)) return;  // its /health, as sim's instances
      const auto* r = std::any_cast<RequestMsg>(&m.body);
      if (r == nullptr) return;
      const EndpointId self = m.to, to = m.from;
      const std::uint64_t t = r->try_id;
      rt.schedule(service_time, [this, self, to, t] {
        rt.send(Message{self, to, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                        ResponseMsg{t}});
      });
    });
    endpoints_[id] = info.endpoint;
    pattern->instance_started(info);
    pattern->instance_ready(id);
    return id;
  }

  // Graceful stop: goodbye now, serving for `drain`, then gone.
  void stop(InstanceId id, Duration drain) {
    pattern->instance_stopping(id);
    rt.schedule(drain, [this, id] {
      rt.close(endpoints_.at(id));
      pattern->instance_gone(id);
    });
  }
  void crash(InstanceId id) {
    rt.close(endpoints_.at(id));
    pattern->instance_crashed(id);
    pattern->instance_gone(id);
  }
  void host_down(HostId host) {
    rt.set_host_up(host, false);
    pattern->host_down(host);
  }
  void host_up(HostId host) {
    rt.set_host_up(host, true);
    pattern->host_up(host);
  }

  // Callers added from now on are outside the cluster (CallerInfo::external).
  bool external_callers = false;

  Caller& add_caller(std::string name, std::uint32_t retries) {
    CallerInfo info;
    info.name = std::move(name);
    info.group = "users";
    info.host = kCallerHost;
    info.target_service = "web";
    info.try_timeout = std::chrono::milliseconds(500);
    info.max_retries = retries;
    info.external = external_callers;
    Caller& c = pattern->add_caller(info);
    c.start();
    return c;
  }

  // Issues one request every `gap` for `length`, advancing the clock meanwhile.
  void traffic(Caller& caller, Duration length, Duration gap) {
    const SimTime end = rt.now() + length;
    while (rt.now() < end) {
      caller.issue(Request{next_request_++});
      rt.advance(gap);
    }
  }

  ManualRuntime rt;
  TrafficLog log;
  DiscoveryPattern* pattern = nullptr;

 private:
  std::map<InstanceId, EndpointId> endpoints_;
  std::uint64_t next_request_ = 1;
};

}  // namespace discolab::test

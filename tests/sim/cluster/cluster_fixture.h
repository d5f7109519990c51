// A cluster on the manual runtime with a recording pattern and recording events.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "sim/cluster/cluster.h"

namespace discolab::testing {

// A caller that records what it is asked and lets the test answer (instances' calls).
struct ScriptedCaller final : Caller {
  CallerInfo info;
  bool started = false;
  std::vector<Request> issued;
  explicit ScriptedCaller(CallerInfo i) : info(std::move(i)) {}
  void start() override { started = true; }
  void issue(const Request& r) override { issued.push_back(r); }
  // Answers the k-th request issued.
  void answer(std::size_t k, bool ok) {
    RequestOutcome o;
    o.request_id = issued.at(k).id;
    o.ok = ok;
    o.cause = FailureCause::no_endpoint;
    info.listener->request_finished(issued.at(k), o);
  }
};

struct RecordingPattern final : DiscoveryPattern {
  std::vector<std::unique_ptr<ScriptedCaller>> callers;
  std::vector<std::string> log;
  std::string_view name() const override { return "recording"; }
  void start() override {}
  void instance_started(const InstanceInfo& info) override {
    log.push_back("started " + info.name);
  }
  void instance_ready(InstanceId id) override { log.push_back("ready " + std::to_string(id)); }
  void instance_stopping(InstanceId id) override {
    log.push_back("stopping " + std::to_string(id));
  }
  void instance_crashed(InstanceId id) override { log.push_back("crashed " + std::to_string(id)); }
  void instance_gone(InstanceId id) override { log.push_back("gone " + std::to_string(id)); }
  void component_down(std::string_view c) override {
    log.push_back("component_down " + std::string(c));
  }
  void component_up(std::string_view c) override {
    log.push_back("component_up " + std::string(c));
  }
  Caller& add_caller(const CallerInfo& info) override {
    log.push_back("add_caller " + info.name + " " + info.group);
    callers.push_back(std::make_unique<ScriptedCaller>(info));
    return *callers.back();
  }
  void remove_caller(Caller& caller) override {
    for (auto it = callers.begin(); it != callers.end(); ++it) {
      if (it->get() != &caller) continue;
      log.push_back("remove_caller " + (*it)->info.name);
      callers.erase(it);
      return;
    }
    throw std::logic_error("remove_caller: not a caller of this pattern");
  }
  ScriptedCaller* caller_named(const std::string& name) {
    for (auto& c : callers)
      if (c->info.name == name) return c.get();
    return nullptr;
  }
};

struct RecordingEvents final : ClusterEvents {
  struct Churn {
    SimTime at{};
    std::string kind, subject, service, detail;
  };
  explicit RecordingEvents(const Runtime& rt) : rt(rt) {}
  const Runtime& rt;
  std::map<InstanceId, bool> ready;
  std::vector<Churn> churns;
  void instance_ready(InstanceId id, std::string_view) override { ready[id] = true; }
  void instance_unready(InstanceId id) override { ready[id] = false; }
  void churn(std::string_view kind, std::string_view subject, std::string_view service,
             std::string_view detail) override {
    churns.push_back({rt.now(), std::string(kind), std::string(subject), std::string(service),
                      std::string(detail)});
  }
  int count(std::string_view kind) const {
    int n = 0;
    for (const auto& c : churns) n += c.kind == kind ? 1 : 0;
    return n;
  }
  int ready_count() const {
    int n = 0;
    for (const auto& [id, r] : ready) n += r ? 1 : 0;
    return n;
  }
};

inline std::vector<HostInfo> make_hosts(int n) {
  std::vector<HostInfo> hosts;
  for (int i = 0; i < n; ++i)
    hosts.push_back({"host" + std::to_string(i), static_cast<std::uint32_t>(i / 4)});
  return hosts;
}

inline ServiceSpec make_service(std::string name, int replicas) {
  ServiceSpec s;
  s.name = std::move(name);
  s.replicas = replicas;
  return s;
}

struct ClusterFixture {
  explicit ClusterFixture(Scenario sc, int hosts = 4, std::uint64_t seed = 1)
      : scenario(std::move(sc)),
        rt(seed),
        events(rt),
        cluster(rt, scenario, make_hosts(hosts), pattern, events,
                [this](HostId h, bool up) { rt.set_host_up(h, up); }) {}
  Scenario scenario;
  ManualRuntime rt;
  RecordingPattern pattern;
  RecordingEvents events;
  Cluster cluster;
};

}  // namespace discolab::testing

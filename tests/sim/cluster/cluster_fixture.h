// A cluster on the manual runtime with a recording pattern and recording events.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "sim/cluster/cluster.h"

namespace discolab::testing {

struct RecordingPattern final : DiscoveryPattern {
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
  Caller& add_caller(const CallerInfo&) override { throw std::logic_error("no callers here"); }
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

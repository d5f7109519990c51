// Per-host load-balancing proxy (pattern 4): SmartStack (nerve + synapse + a local HAProxy),
// kube-proxy (iptables/IPVS rules on every node), DC/OS Minuteman (an IPVS L4 balancer per
// agent).
//
// One registry; instances registered by InstanceRegistration (self, sidecar or orchestrator).
// Every host that runs a caller gets its own proxy process, an LbServer (the central LB's
// process reused: frontends per service, its CPU core, Upstream and forwarding leg), started
// the first time a caller on that host is added. A caller sends every try to the proxy on its
// own host (loopback); the proxy forwards it to an instance anywhere. Each proxy follows the
// registry itself, so the registry serves (watches, polls) one consumer per host and service:
// its control-plane load grows with the number of hosts, not with the number of LBs.
//
// Components: "registry" and "proxy@<host name>" (one per host). Failures are host-local:
// - the proxy process crashed (component_down("proxy@h")): in-flight connections reset, new
//   ones refused — the callers on h fail fast with lb_down; callers elsewhere carry on;
// - host h down: its proxy is gone with its state (its callers are gone too);
// - back up: a fresh proxy process starts and syncs from the registry (starts empty).
// Views: each proxy's list per service, component "proxy/<host name>".
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "patterns/central_lb/lb_server.h"
#include "patterns/core/pattern.h"
#include "patterns/registration/instance_registration.h"
#include "patterns/registry/registry_server.h"

namespace discolab {

struct PerHostProxyConfig {
  HostId registry_host = 0;
  registry::RegistryServerConfig server;
  RegistrationSetup registration;
  // Every proxy's settings (name, host and registry are set per host by the pattern).
  LbServerConfig proxy;
  // Host names by id, for component and view names ("proxy@node-3"); a host without a name
  // here is called "host-<id>".
  std::vector<std::string> host_names;
};

class PerHostProxyPattern final : public DiscoveryPattern {
 public:
  PerHostProxyPattern(Runtime& rt, PerHostProxyConfig config);
  ~PerHostProxyPattern() override;

  std::string_view name() const override { return "per-host-proxy"; }
  void start() override;
  void instance_started(const InstanceInfo& info) override;
  void instance_ready(InstanceId id) override;
  void instance_stopping(InstanceId id) override;
  void instance_crashed(InstanceId id) override;
  void instance_gone(InstanceId id) override;
  void host_down(HostId host) override;
  void host_up(HostId host) override;
  void component_down(std::string_view component) override;
  void component_up(std::string_view component) override;
  Caller& add_caller(const CallerInfo& info) override;
  void remove_caller(Caller& caller) override;

  // Where a caller on `host` sends its tries for `service`: its host's proxy frontend, or
  // kNoEndpoint while that proxy is down (or there is none).
  EndpointId local_proxy(HostId host, const std::string& service) const;
  // The proxy process on `host`, nullptr when none runs there now.
  const LbServer* proxy(HostId host) const;
  // Hosts that have a proxy (running or down).
  std::size_t proxy_hosts() const { return proxies_.size(); }
  const registry::RegistryServer* registry() const { return registry_.get(); }
  // "proxy@<host name>".
  std::string component_of(HostId host) const;

 private:
  struct Proxy {
    HostId host = kNoHost;
    bool host_up = true;
    bool process_up = true;
    std::unique_ptr<LbServer> server;
    bool up() const { return host_up && process_up; }
  };
  std::string host_name(HostId host) const;
  Proxy& ensure_proxy(HostId host);
  void launch(Proxy& p);
  void serve(const std::string& service);
  Proxy* proxy_of(std::string_view component);

  Runtime& rt_;
  PerHostProxyConfig config_;
  std::unique_ptr<registry::RegistryServer> registry_;
  std::optional<InstanceRegistration> registration_;
  std::map<HostId, Proxy> proxies_;  // ordered: every proxy is set up in host order
  std::set<std::string> services_;
  std::vector<std::unique_ptr<Caller>> callers_;
};

}  // namespace discolab

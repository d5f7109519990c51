// API gateway (pattern 5: Kong, NGINX, Envoy or Spring Cloud Gateway at the edge).
//
// A composition of parts the other patterns use (decision 5), not a copy:
// - the registry and InstanceRegistration, and the gateway process with its optional
//   active/standby pair: a CentralLbPattern run under the role "gateway" (components
//   "gateway" and "gateway-standby", views "gateway/primary" …). The gateway is an LbServer:
//   per service a frontend, a ServerCore whose per-request CPU is an L7 proxy's (routing,
//   header handling, plugins), an Upstream from the registry (watch, blocking query or poll)
//   with the gateway's own active and passive health checks, and a RetryingCaller leg.
// - north-south: an external caller (CallerInfo::external, clients[].external) sends every
//   request to the gateway holding the virtual IP, which forwards it to an instance. A crashed
//   gateway process refuses (lb_down at once); a dead host answers nothing (timeouts, then
//   lb_down); the standby takes over `failover_time` later (VRRP, as central-lb).
// - east-west: internal callers and the service call graph's calls (instances calling other
//   services) use client-side discovery on the same registry: the "hybrid with a client-side
//   plugin" (Netflix's Zuul at the edge with Eureka + Ribbon inside). Each caller polls the
//   registry as the client-side pattern's Ribbon client does (`internal_poller`: one fetch at
//   its start, requests wait for it, then periodic fetches at a random phase), with its own
//   health view and balancer. A poll, not a watch: a client library re-fetches by itself
//   after the registry comes back, where a watch stream would wait for its stream timeout.
//
// Staleness therefore follows two paths: external requests see what the gateway's source has
// delivered (one round trip after a change with a watch), internal calls what each caller's
// last fetch saw (up to a fetch interval old); a gateway failure fails external requests only.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "patterns/central_lb/central_lb_pattern.h"
#include "patterns/dns/dns_server.h"
#include "patterns/upstream/upstream_caller.h"

namespace discolab {

struct ApiGatewayConfig {
  // The registry, registration and the gateway pair (lb: the gateway process). The role is
  // set to "gateway" by the pattern.
  CentralLbConfig edge;
  // East-west callers' client library (name and service are set per caller).
  registry::PollerConfig internal_poller;
  std::optional<ActiveHealthCheckConfig> internal_active_checks;
  std::optional<OutlierDetectionConfig> internal_outlier_detection;
  // Upstreams resolved by DNS (Kong's default for a service's host) instead of from the
  // registry: a DNS server on the registry's host fed by a watch per service (CoreDNS), and
  // per backend a KongDnsSource (record TTL, then dns_stale_ttl of stale-while-revalidate).
  bool dns_upstreams = false;
  dns::DnsServerConfig dns = dns::DnsServerConfig::coredns();
  Duration dns_stale_ttl = std::chrono::seconds(4);  // Kong < 3.6 (kong_defaults.lua)
};

class ApiGatewayPattern final : public DiscoveryPattern {
 public:
  ApiGatewayPattern(Runtime& rt, ApiGatewayConfig config);
  ~ApiGatewayPattern() override;

  std::string_view name() const override { return "api-gateway"; }
  void start() override;
  void instance_started(const InstanceInfo& info) override;
  void instance_ready(InstanceId id) override { edge_.instance_ready(id); }
  void instance_stopping(InstanceId id) override { edge_.instance_stopping(id); }
  void instance_crashed(InstanceId id) override { edge_.instance_crashed(id); }
  void instance_gone(InstanceId id) override { edge_.instance_gone(id); }
  void host_down(HostId host) override;
  void host_up(HostId host) override;
  // "registry", "gateway", "gateway-standby".
  void component_down(std::string_view component) override { edge_.component_down(component); }
  void component_up(std::string_view component) override { edge_.component_up(component); }
  Caller& add_caller(const CallerInfo& info) override;
  void remove_caller(Caller& caller) override;

  const CentralLbPattern& edge() const { return edge_; }
  const ApiGatewayConfig& config() const { return config_; }
  std::size_t internal_callers() const { return internal_.size(); }

 private:
  struct Feed;
  // DNS upstreams: the DNS server's registry feed of `service` (once).
  void feed_service(const std::string& service);
  std::unique_ptr<EndpointSource> dns_source(const std::string& service, const std::string& entity,
                                             HostId host);
  CentralLbConfig edge_config();

  Runtime& rt_;
  ApiGatewayConfig config_;
  std::shared_ptr<dns::AddressBook> book_;
  std::unique_ptr<dns::DnsServer> dns_;
  std::map<std::string, std::unique_ptr<Feed>> feeds_;
  CentralLbPattern edge_;
  std::vector<std::unique_ptr<UpstreamCaller>> internal_;
};

}  // namespace discolab

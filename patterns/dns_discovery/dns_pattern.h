// Server-side discovery with DNS (pattern 2: kube-dns/CoreDNS, Consul DNS, Mesos-DNS, Spartan).
//
// A registry (RegistryServer) holds the instances, registered by InstanceRegistration (self
// with heartbeats, a sidecar, or the orchestrator). An authoritative DNS server (DnsServer)
// on its own host answers "<service>.service.<domain>" from the registry: per service it
// keeps a registry consumer — a watch (CoreDNS's kubernetes plugin watching the API server),
// a periodic poll (Mesos-DNS's refreshSeconds) or a blocking query (Consul's agent) — whose
// list it serves; the server's answers are a consumer view ("dns-server/<name>"). The feed
// of a service starts when the pattern first hears of it (an instance or a caller). With
// node_local, each caller host runs one caching resolver (NodeLocal DNSCache, DC/OS Spartan)
// between its callers and the server. Each caller is an UpstreamCaller over a DnsSource: it
// resolves the service's name when a request needs an answer its resolver does not hold
// fresh (client cache none: glibc; jvm: networkaddress.cache.ttl; ttl: the record's TTL),
// waits for the lookup, and connects to an answered address (balancer dns_rotated: the
// answer's first address, retries along the answer; other policies pick over the answer).
//
// Staleness after a change adds up: registration (a crash waits for the lease and the
// eviction sweep with self-registration, none with the orchestrator) → the server's feed (a
// watch at once, a poll up to its interval) → the record TTL in the node-local cache → the
// client's cache (the TTL, or the JVM's 30 s whatever the TTL).
//
// Failures: the DNS server's host down: queries go unanswered, lookups fail after the
// resolver's timeout × attempts (5 s × 2, glibc) with dns_failed; answers still cached keep
// working. The DNS server process down (component_down "dns-server"): its endpoint is closed,
// queries are refused and lookups fail at once. The registry down: the server keeps serving
// the lists it has (stale).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patterns/balancing/factory.h"
#include "patterns/core/pattern.h"
#include "patterns/dns/dns_resolver.h"
#include "patterns/dns/dns_server.h"
#include "patterns/dns_discovery/dns_client_cache.h"
#include "patterns/registration/instance_registration.h"
#include "patterns/registry/blocking_query_client.h"
#include "patterns/registry/registry_poller.h"
#include "patterns/registry/registry_server.h"
#include "patterns/registry/registry_watcher.h"
#include "patterns/upstream/dns_source.h"
#include "patterns/upstream/upstream_caller.h"

namespace discolab {

// How the DNS server learns the registry's changes.
enum class DnsFeed : std::uint8_t { watch, poll, blocking_query };

struct DnsPatternConfig {
  HostId registry_host = 0;
  HostId dns_host = 0;
  registry::RegistryServerConfig server;
  RegistrationMode registration_mode = RegistrationMode::self;
  registry::RegistrationConfig registration;  // self: lease, heartbeat
  registry::SidecarConfig sidecar;
  registry::OrchestratorConfig orchestrator;
  HostId orchestrator_host = 0;
  // The DNS server's feed from the registry: CoreDNS's kubernetes plugin watches the API
  // server (client-go informers); Mesos-DNS polls every refreshSeconds (60 s by default,
  // mesos-dns configuration-parameters docs); Consul agents use blocking queries.
  DnsFeed feed = DnsFeed::watch;
  Duration poll_interval = std::chrono::seconds(30);
  // TTL 5 s: CoreDNS kubernetes plugin default (github:coredns/coredns plugin/kubernetes/
  // README.md, "ttl ... Default is 5 seconds"); rotation as its loadbalance plugin.
  dns::DnsServerConfig dns = dns::DnsServerConfig::coredns();
  // The client's resolver. none: glibc's stub resolver keeps no cache (resolv/; caching is
  // nscd's or systemd-resolved's). jvm: 30 s, the JDK's default networkaddress.cache.ttl
  // without a SecurityManager (openjdk/jdk src/java.base/share/classes/sun/net/
  // InetAddressCachePolicy.java, DEFAULT_POSITIVE = 30; conf/security/java.security).
  // Timeout 5 s × 2 rounds: glibc resolv/resolv.h RES_TIMEOUT = 5, RES_DFLRETRY = 2.
  DnsClientCache client_cache = DnsClientCache::none;
  Duration client_cache_ttl = std::chrono::seconds(30);  // jvm
  Duration client_timeout = std::chrono::seconds(5);
  std::uint32_t client_attempts = 2;
  // A caching resolver per caller host: NodeLocal DNSCache (kubernetes cluster/addons/dns/
  // nodelocaldns/nodelocaldns.yaml: cache success 9984 30, denial 9984 5, force_tcp).
  bool node_local = false;
  dns::DnsCacheConfig node_local_cache = dns::DnsCacheConfig::node_local();
  BalancerConfig balancer = dns_rotated();
  std::optional<ActiveHealthCheckConfig> active_checks;
  std::optional<OutlierDetectionConfig> outlier_detection;
  double panic_threshold_percent = 50.0;

  static BalancerConfig dns_rotated() {
    BalancerConfig b;
    b.kind = BalancerKind::dns_rotated;
    return b;
  }
};

class DnsPattern final : public DiscoveryPattern {
 public:
  DnsPattern(Runtime& rt, DnsPatternConfig config);
  ~DnsPattern() override;

  std::string_view name() const override { return "dns"; }
  void start() override;
  void instance_started(const InstanceInfo& info) override;
  void instance_ready(InstanceId id) override;
  void instance_stopping(InstanceId id) override;
  void instance_crashed(InstanceId id) override;
  void instance_gone(InstanceId id) override;
  void host_down(HostId host) override;
  void host_up(HostId host) override;
  Caller& add_caller(const CallerInfo& info) override;
  void remove_caller(Caller& caller) override;

  // "dns-server": the DNS server process crashes (its endpoint closes: queries are refused,
  // lookups fail at once) and restarts (re-reads the registry). "registry": the registry stops
  // answering (the DNS server keeps serving the lists it has), as after a host failure.
  void component_down(std::string_view component) override;
  void component_up(std::string_view component) override;

  const registry::RegistryServer* registry() const { return registry_.get(); }
  const dns::DnsServer* dns_server() const { return dns_.get(); }
  const dns::DnsResolver* node_local(HostId host) const;
  const std::vector<std::unique_ptr<UpstreamCaller>>& callers() const { return callers_; }
  const DnsSource& source(std::size_t caller) const { return *sources_.at(caller); }

 private:
  struct Feed;

  void feed_service(const std::string& service);
  void start_dns_server();
  void dns_server_down();
  void dns_server_up();
  EndpointId resolver_upstream(HostId caller_host);

  Runtime& rt_;
  DnsPatternConfig config_;
  std::unique_ptr<registry::RegistryServer> registry_;
  std::optional<InstanceRegistration> registration_;
  std::shared_ptr<dns::AddressBook> book_;
  std::unique_ptr<dns::DnsServer> dns_;
  std::map<std::string, std::unique_ptr<Feed>> feeds_;  // by service
  std::map<HostId, std::unique_ptr<dns::DnsResolver>> node_locals_;
  std::vector<std::unique_ptr<UpstreamCaller>> callers_;
  std::vector<DnsSource*> sources_;  // callers_[i]'s source
  bool dns_process_up_ = true;
};

}  // namespace discolab

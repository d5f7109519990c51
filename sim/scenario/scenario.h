// A scenario, resolved: every value present, units converted, defaults applied.
//
// The YAML loader (scenario_loader.h) produces it and rejects anything malformed, so the
// simulator can trust every field. The YAML keys are the field names less unit suffixes
// (rate_per_s is `rate`, bandwidth_bps is `bandwidth`); docs/scenario.md is the
// schema. Times are Duration; rates are per second.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "patterns/balancing/balancer_kind.h"
#include "patterns/core/time.h"
#include "patterns/dns_discovery/dns_client_cache.h"
#include "patterns/registration/registration_mode.h"
#include "patterns/server/service_time.h"

namespace discolab {

struct LinkSpec {
  Duration latency = std::chrono::microseconds(50);
  double bandwidth_bps = 10e9;  // bytes/s on the wire are bandwidth_bps / 8

  bool operator==(const LinkSpec&) const = default;
};

enum class Topology { star, leaf_spine, file };

// The components a pattern may run on a host of its own, outside the containers.
enum class ComponentRole { registry, load_balancer, gateway, dns_server };

// A host kept for a component: the scheduler places no container on it (pattern context).
struct ReservedHostSpec {
  ComponentRole role = ComponentRole::registry;
  std::string host;

  bool operator==(const ReservedHostSpec&) const = default;
};

struct PlatformSpec {
  Topology topology = Topology::leaf_spine;
  int racks = 2;           // leaf-spine: leaves; star: ignored (one switch)
  int hosts_per_rack = 4;  // star: number of hosts
  double host_speed_flops = 1e9;
  LinkSpec host_link{std::chrono::microseconds(50), 10e9};    // host <-> its leaf/switch
  LinkSpec spine_link{std::chrono::microseconds(100), 40e9};  // leaf <-> spine
  std::string file;  // topology: file — a SimGrid platform XML; the loader makes it absolute
  std::vector<ReservedHostSpec> reserved;  // hosts left out for containers

  bool operator==(const PlatformSpec&) const = default;
};

// Serving a request of one service may call others (the service call graph). Each call is
// made with the given probability per request, through the pattern under test, like a
// client's request: with its own per-try timeout and retries.
struct CallSpec {
  std::string service;
  double probability = 1.0;
  Duration timeout = std::chrono::seconds(1);  // per try
  int retries = 1;                             // tries beyond the first

  bool operator==(const CallSpec&) const = default;
};

// In what order a request's calls go out: one after the other, or all at once.
enum class CallMode { sequential, parallel };
// What a failed call does to the request that made it: fail it, or answer without that part.
enum class CallFailure { fail, degrade };

struct ServiceSpec {
  std::string name;
  int replicas = 3;
  int workers = 4;         // requests served in parallel per instance
  int queue_limit = 1000;  // waiting requests beyond the workers; more are rejected
  ServiceTimeSpec service_time;
  Duration startup = std::chrono::seconds(2);    // scheduled -> process up (starting)
  Duration readiness = std::chrono::seconds(1);  // starting -> ready
  Duration drain = std::chrono::seconds(2);      // graceful stop: terminating -> gone
  std::string version = "v1";
  std::vector<CallSpec> calls;  // made while serving each request, after its service time
  CallMode call_mode = CallMode::sequential;
  CallFailure on_call_failure = CallFailure::fail;

  bool operator==(const ServiceSpec&) const = default;
};

struct BurstSpec {
  Duration at{};
  Duration duration{};
  double factor = 1.0;  // rate multiplier while the burst lasts

  bool operator==(const BurstSpec&) const = default;
};

// Clients without a `start` join the running cluster this long after its initial deployment is
// ready: the last initial replica became ready then, and its registration (a network hop or
// two) must land before a client's first lookup can see it, as when clients join a cluster
// that has been running for a while.
inline constexpr Duration kClientJoinDelay = std::chrono::seconds(1);

struct ClientSpec {
  std::string name;
  int count = 1;  // caller processes, placed round-robin over the hosts
  std::string target;
  double rate_per_s = 100.0;  // per caller, Poisson
  std::vector<BurstSpec> bursts;
  Duration timeout = std::chrono::seconds(1);  // per try
  int retries = 1;                             // tries beyond the first
  int sessions =
      0;  // distinct hash keys (users, sessions) for ring hash/Maglev; 0: one per request
  // When its callers start (discovery and traffic); absent: kClientJoinDelay after the
  // cluster's initial deployment is ready (Cluster::deployment_ready_at).
  std::optional<Duration> start;
  // Outside the cluster (north-south): api-gateway sends its requests through the gateway;
  // the other patterns serve it as any caller (docs/cluster.md).
  bool external = false;
  std::string route;  // a routes[].name; empty: the target service's default route

  bool operator==(const ClientSpec&) const = default;
};

// An L7 route (patterns/routing/route_table.h): host and path → service, optionally split
// over version subsets by weight (a canary).
struct RouteVersionSpec {
  std::string version;
  int weight = 1;

  bool operator==(const RouteVersionSpec&) const = default;
};

struct RouteSpec {
  std::string name;
  std::string host;  // empty: any host; "admin.*", "*.example.com" wildcards
  std::string path;  // a prefix ("/api", "/api/*"); empty or "/": any path
  std::string service;
  std::vector<RouteVersionSpec> versions;  // empty: every instance of the service

  bool operator==(const RouteSpec&) const = default;
};

struct CrashSpec {
  double rate_per_instance_per_s = 0.0;              // Poisson crash rate of each running instance
  Duration restart_delay = std::chrono::seconds(5);  // crash -> replacement scheduled
  std::vector<std::string> services;                 // empty: every service

  bool operator==(const CrashSpec&) const = default;
};

struct RollingUpdateSpec {
  std::string service;
  Duration at{};
  int batch_size = 1;       // replacements started at once
  int max_unavailable = 1;  // old instances stopped before their replacements are ready
  std::string version = "v2";

  bool operator==(const RollingUpdateSpec&) const = default;
};

struct HostFailureSpec {
  std::string host;  // a host name from the platform, e.g. "rack0-host1"
  Duration at{};
  std::optional<Duration> duration;  // back up after this long; absent: stays down

  bool operator==(const HostFailureSpec&) const = default;
};

// A pattern's own component (its registry, LB, DNS server …) crashing: its process is gone
// while its host stays up, so its connections are refused rather than left unanswered.
struct ComponentFailureSpec {
  std::string component;  // a name the pattern run gives its components, e.g. "lb"
  Duration at{};
  std::optional<Duration> duration;  // back up after this long; absent: stays down

  bool operator==(const ComponentFailureSpec&) const = default;
};

struct ChurnSpec {
  CrashSpec crashes;
  std::vector<RollingUpdateSpec> rolling_updates;
  std::vector<HostFailureSpec> host_failures;
  std::vector<ComponentFailureSpec> components;

  bool operator==(const ChurnSpec&) const = default;
};

// --- Shared scenario axes -----------------------------------------------------------------
// Every pattern's section is built from these sub-sections (one schema function each,
// scenario_schema.cpp), so a setting means the same thing whichever pattern reads it
// (docs/architecture.md, decision 5). A pattern refuses the values it does not implement
// (sim/run/pattern_factory.cpp).

// The registry: where it runs and how it keeps its catalogue.
struct RegistrySpec {
  std::string host;  // empty: the host reserved for the registry, else the first host
  Duration eviction_interval = std::chrono::seconds(60);
  Duration response_cache_interval{};  // 0: no server-side read cache
  bool eureka_double_expiry = false;   // expire after 2 × lease, as Eureka does

  bool operator==(const RegistrySpec&) const = default;
};

struct RegistrationSpec {
  RegistrationMode mode = RegistrationMode::self;
  Duration heartbeat_interval = std::chrono::seconds(30);
  Duration lease_duration = std::chrono::seconds(90);
  // sidecar: its checks of the instance (nerve's defaults: service_watcher.rb check_interval
  // 0.5 s; service_watcher/base.rb timeout 0.1 s, rise 1, fall 1).
  Duration check_interval = std::chrono::milliseconds(500);
  Duration check_timeout = std::chrono::milliseconds(100);
  int check_rise = 1;
  int check_fall = 1;
  bool sidecar_per_host = false;  // sidecar: outlives a crashed container (Consul agent, nerve)

  bool operator==(const RegistrationSpec&) const = default;
};

// How a consumer learns the registry's changes: periodic poll, watch (push) or blocking query.
enum class PropagationMode { poll, watch, blocking_query };

struct PropagationSpec {
  PropagationMode mode = PropagationMode::poll;
  Duration fetch_interval = std::chrono::seconds(30);  // poll

  bool operator==(const PropagationSpec&) const = default;
};

struct BalancingSpec {
  BalancerKind policy = BalancerKind::round_robin;
  int least_request_choices = 2;  // least-request: instances compared per pick (Envoy's default)
  // peak-ewma: Linkerd's defaults (linkerd2-proxy profile.rs DEFAULT_EWMA: decay 10 s,
  // default_rtt 30 ms).
  Duration ewma_decay = std::chrono::seconds(10);
  Duration ewma_default_rtt = std::chrono::milliseconds(30);

  bool operator==(const BalancingSpec&) const = default;
};

// Active checks probe each endpoint; passive (outlier) detection ejects one after failures.
struct ActiveHealthSpec {
  bool enabled = false;
  Duration interval = std::chrono::seconds(10);
  Duration timeout = std::chrono::seconds(1);
  int unhealthy_threshold = 3;  // failed checks in a row before an endpoint is down
  int healthy_threshold = 2;    // passed checks in a row before it is up again

  bool operator==(const ActiveHealthSpec&) const = default;
};

// Envoy's outlier detection (outlier_detection.proto); NGINX's max_fails/fail_timeout is
// consecutive_failures 1, ejection_time = max_ejection_time = fail_timeout, 100 %, no success
// rate.
struct PassiveHealthSpec {
  bool enabled = false;
  int consecutive_failures = 5;
  Duration ejection_time = std::chrono::seconds(30);
  Duration max_ejection_time = std::chrono::seconds(300);  // ejection time × times ejected, capped
  double max_ejection_percent = 10.0;                      // of the endpoints, at most
  bool success_rate = true;                                // Envoy's success-rate detector

  bool operator==(const PassiveHealthSpec&) const = default;
};

struct HealthSpec {
  ActiveHealthSpec active;
  PassiveHealthSpec passive;

  bool operator==(const HealthSpec&) const = default;
};

// The client library over the discovery client's local list: Ribbon's load balancer copies
// the Eureka client's cache into its own server list every list_refresh_interval
// (PollingServerListUpdater); 0: the balancer sees each fetch at once.
struct ClientLibrarySpec {
  Duration list_refresh_interval{};

  bool operator==(const ClientLibrarySpec&) const = default;
};

// Client-side discovery (Eureka + Ribbon): self-registration with heartbeats, periodic fetch.
struct ClientSideSpec {
  RegistrySpec registry;
  RegistrationSpec registration;
  PropagationSpec propagation;
  BalancingSpec balancing;
  HealthSpec health;
  ClientLibrarySpec client;

  bool operator==(const ClientSideSpec&) const = default;
};

// Server-side discovery with DNS (CoreDNS, Consul DNS, Mesos-DNS, Spartan): the DNS-specific
// settings; the pattern's section adds the shared axes.
struct DnsServerSpec {
  std::string host;  // empty: the host reserved for the DNS server, else the registry's host
  Duration ttl = std::chrono::seconds(5);           // CoreDNS kubernetes plugin default
  Duration negative_ttl = std::chrono::seconds(5);  // SOA minimum of negative answers
  int answer_limit = 0;                             // A records per UDP answer; 0: no limit
  bool rotate = true;                               // round-robin the answer's order

  bool operator==(const DnsServerSpec&) const = default;
};

struct DnsClientSpec {
  DnsClientCache cache = DnsClientCache::none;    // glibc: no cache
  Duration cache_ttl = std::chrono::seconds(30);  // jvm: networkaddress.cache.ttl
  Duration timeout = std::chrono::seconds(5);     // per resolver try (glibc RES_TIMEOUT)
  int attempts = 2;                               // rounds (glibc RES_DFLRETRY)

  bool operator==(const DnsClientSpec&) const = default;
};

struct DnsNodeLocalSpec {
  bool enabled = false;
  Duration max_ttl = std::chrono::seconds(30);          // NodeLocal DNSCache: success 30 s
  Duration max_negative_ttl = std::chrono::seconds(5);  // denial 5 s

  bool operator==(const DnsNodeLocalSpec&) const = default;
};

struct DnsSettingsSpec {
  DnsServerSpec server;
  DnsClientSpec client;
  DnsNodeLocalSpec node_local;

  bool operator==(const DnsSettingsSpec&) const = default;
};

struct DnsSpec {
  RegistrySpec registry;
  RegistrationSpec registration;
  // CoreDNS watches the API server; a client resolves through the dns-rotated answer order.
  PropagationSpec propagation{PropagationMode::watch, std::chrono::seconds(30)};
  BalancingSpec balancing{BalancerKind::dns_rotated, 2};
  HealthSpec health;
  DnsSettingsSpec dns;

  bool operator==(const DnsSpec&) const = default;
};

// How a load balancer's backend list follows the registry: applied as each change arrives
// (direct: HAProxy's runtime API, NGINX Plus' API, vulcand), or rendered into a configuration
// file and reloaded (template: consul-template or confd + HAProxy/NGINX, Marathon-LB).
enum class LbSyncMode { direct, template_file };

struct LbSyncSpec {
  LbSyncMode mode = LbSyncMode::direct;
  Duration wait_min{};  // template: quiescence (consul-template wait; 0: render at once)
  Duration wait_max{};  // template: 0 with wait_min > 0 means 4 × wait_min
  Duration reload_time = std::chrono::milliseconds(100);  // template: render → new config live
  bool reload_refuses = false;  // template: new connections refused during a reload (-sf, no -x)

  bool operator==(const LbSyncSpec&) const = default;
};

// The load balancer itself (and its optional standby): where it runs, how much it can do.
struct LbSpec {
  std::string host;          // empty: the host reserved for the load balancer, else the registry's
  std::string standby_host;  // empty: no HA pair
  Duration failover_time = std::chrono::milliseconds(3609);  // VRRP: 3 × 1 s + (256 − 100) / 256 s
  int workers = 4;                                           // CPU threads (HAProxy nbthread)
  int connection_limit = 1024;  // requests in flight at the LB (HAProxy maxconn)
  int server_maxconn = 0;       // tries in flight per backend (HAProxy server maxconn); 0: none
  Duration queue_timeout = std::chrono::seconds(10);  // waiting for a slot (timeout queue)
  ServiceTimeSpec service_time{ServiceTimeDistribution::exponential, std::chrono::microseconds(50),
                               0.5};                      // CPU per request
  Duration try_timeout = std::chrono::milliseconds(250);  // per backend try (timeout server)
  int retries = 1;  // backend tries beyond the first, each to another backend (redispatch)
  LbSyncSpec sync;

  bool operator==(const LbSpec&) const = default;
};

// Central load balancer: clients send every request to one LB (or an HA pair) kept in sync
// with the registry.
struct CentralLbSpec {
  RegistrySpec registry;
  RegistrationSpec registration;
  PropagationSpec propagation{PropagationMode::watch};
  BalancingSpec balancing;
  HealthSpec health;
  LbSpec lb;

  CentralLbSpec() {
    // The LB checks its backends as HAProxy does by default (`inter 2s fall 3 rise 2`).
    health.active.enabled = true;
    health.active.interval = std::chrono::seconds(2);
  }
  bool operator==(const CentralLbSpec&) const = default;
};

// A per-host proxy's process: an L4 balancer (kube-proxy's iptables/IPVS rules run in the
// kernel: microseconds per connection; SmartStack's HAProxy in TCP mode).
struct ProxySpec {
  int workers = 2;              // CPU threads
  int connection_limit = 4096;  // connections in flight at one host's proxy
  ServiceTimeSpec service_time{ServiceTimeDistribution::exponential, std::chrono::microseconds(10),
                               0.5};                      // CPU per connection
  Duration try_timeout = std::chrono::milliseconds(250);  // per backend try
  int retries = 1;  // backend tries beyond the first (HAProxy retries + redispatch)

  bool operator==(const ProxySpec&) const = default;
};

// How a proxy's table follows its registry consumer: kube-proxy's minSyncPeriod (changes are
// applied at most once per period) and syncPeriod (full resync); poll: full lists or deltas.
struct ProxySyncSpec {
  Duration min_sync_period{};  // 0: each change is applied at once (synapse, Minuteman)
  Duration sync_period = std::chrono::seconds(30);  // kube-proxy iptables syncPeriod
  bool delta = true;  // poll: ask for the changes since the last index (else full lists)

  bool operator==(const ProxySyncSpec&) const = default;
};

// Per-host proxy: a load-balancing proxy on every host that runs callers.
struct PerHostProxySpec {
  RegistrySpec registry;
  RegistrationSpec registration;
  PropagationSpec propagation{PropagationMode::watch, std::chrono::seconds(2)};
  BalancingSpec balancing{BalancerKind::least_request, 2};
  HealthSpec health;
  ProxySpec proxy;
  ProxySyncSpec sync;

  bool operator==(const PerHostProxySpec&) const = default;
};

// Where the gateway's upstream targets come from: the registry (a watch, blocking query or
// poll), or DNS names of the services (Kong's default upstream: a host name it resolves).
enum class GatewayUpstreams { registry, dns };

// The API gateway process (and its optional standby): an L7 proxy at the edge.
struct GatewaySpec {
  std::string host;          // empty: the host reserved for the gateway, else the registry's
  std::string standby_host;  // empty: no HA pair
  Duration failover_time = std::chrono::milliseconds(3609);  // VRRP, as LbSpec
  int workers = 4;                                           // NGINX worker processes under Kong
  int connection_limit = 16384;  // Kong: open connections capped at 16384 (ulimit bound)
  // L7 CPU per request: a 2-core Kong node saturates near 5000 req/s, i.e. ~400 µs of CPU
  // per request (docs.erda.cloud/en/next/manual/msp/guides/apigw/bench.html), eight times an
  // L4 LB's 50 µs.
  ServiceTimeSpec service_time{ServiceTimeDistribution::exponential, std::chrono::microseconds(400),
                               0.5};
  Duration try_timeout = std::chrono::milliseconds(250);  // per upstream try
  int retries = 1;  // Kong's `retries` is 5; one redispatch keeps it comparable with central-lb
  GatewayUpstreams upstreams = GatewayUpstreams::registry;
  // dns: a record serves this long past its TTL while it is refreshed in the background
  // (Kong `dns_stale_ttl`: 4 s before 3.6, kong/templates/kong_defaults.lua).
  Duration dns_stale_ttl = std::chrono::seconds(4);

  bool operator==(const GatewaySpec&) const = default;
};

// API gateway: external callers go through the gateway, internal ones use client-side
// discovery on the same registry.
struct ApiGatewaySpec {
  RegistrySpec registry;
  RegistrationSpec registration;
  PropagationSpec propagation{PropagationMode::watch};
  BalancingSpec balancing;
  HealthSpec health;
  GatewaySpec gateway;

  ApiGatewaySpec() {
    // The gateway checks its upstreams actively, every 2 s (HAProxy-like; Kong's active checks
    // are off by default, interval 0: kong/db/schema/entities/upstreams.lua).
    health.active.enabled = true;
    health.active.interval = std::chrono::seconds(2);
  }
  bool operator==(const ApiGatewaySpec&) const = default;
};

struct PatternsSpec {
  ClientSideSpec client_side;
  DnsSpec dns;
  CentralLbSpec central_lb;
  PerHostProxySpec per_host_proxy;
  ApiGatewaySpec api_gateway;

  bool operator==(const PatternsSpec&) const = default;
};

struct MetricsSpec {
  Duration interval = std::chrono::seconds(1);  // timeseries.csv row width
  Duration warmup{};                            // excluded from summary statistics
  bool warmup_auto = false;  // `warmup: auto`: chosen by MSER-5 (sim/metrics/auto_warmup.h)
  int batches = 20;          // batch means of the measured period (sim/metrics/batch_means.h)

  bool operator==(const MetricsSpec&) const = default;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_path;  // the file it was loaded from
  Duration duration = std::chrono::minutes(10);
  std::uint64_t seed = 1;
  std::string engine = "fast";          // fast | simgrid
  std::string pattern = "client-side";  // the pattern `run` uses unless --pattern says otherwise
  PlatformSpec platform;
  std::vector<ServiceSpec> services;
  std::vector<ClientSpec> clients;
  std::vector<RouteSpec> routes;
  ChurnSpec churn;
  PatternsSpec patterns;
  MetricsSpec metrics;

  bool operator==(const Scenario&) const = default;
};

}  // namespace discolab

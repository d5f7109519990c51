// The scenario schema: every key a scenario file may hold, with its type, bounds and help.
// Key order here is the order of the resolved file and of docs/scenario.md.
#include <chrono>

#include "sim/scenario/schema_tree.h"

namespace discolab::schema {
namespace {

using std::chrono::seconds;

const Duration kZero{};

std::shared_ptr<const Section> link_section() {
  return make_section<LinkSpec>({
      scalar("latency", &LinkSpec::latency, duration(kZero), "One-way propagation delay."),
      scalar("bandwidth", &LinkSpec::bandwidth_bps, bandwidth(),
             "Link capacity; stored in bits per second."),
  });
}

std::shared_ptr<const Section> platform_section() {
  auto link = link_section();
  auto reserved = make_section<ReservedHostSpec>({
      required(scalar("role", &ReservedHostSpec::role, choice<ComponentRole>(),
                      "The component the host is kept for.")),
      required(scalar("host", &ReservedHostSpec::host, name_text(), "A host of the platform.")),
  });
  return make_section<PlatformSpec>({
      scalar("topology", &PlatformSpec::topology, choice<Topology>(),
             "star: one switch; leaf-spine: a leaf switch per rack joined by a spine; file: a "
             "SimGrid platform XML (platform.file)."),
      scalar("racks", &PlatformSpec::racks, whole(1), "leaf-spine: number of racks (leaves)."),
      scalar("hosts_per_rack", &PlatformSpec::hosts_per_rack, whole(1),
             "Hosts per rack; star: the number of hosts. Hosts are named `rack<r>-host<h>` "
             "(leaf-spine) or `host<h>` (star), from 0."),
      scalar("host_speed", &PlatformSpec::host_speed_flops, flops(), "Speed of every host."),
      section("host_link", &PlatformSpec::host_link, link, "Link from a host to its switch."),
      section("spine_link", &PlatformSpec::spine_link, link,
              "leaf-spine: link from a leaf to the spine."),
      scalar("file", &PlatformSpec::file, text(),
             "topology: file — the SimGrid platform XML, relative to the scenario file's folder "
             "(written back as an absolute path)."),
      list("reserved", &PlatformSpec::reserved, reserved,
           "Hosts kept for pattern components (registry, load balancer, gateway, DNS server): "
           "no container is placed on them; at least one host must be left."),
  });
}

std::shared_ptr<const Section> service_time_section();

std::shared_ptr<const Section> service_section() {
  auto service_time = service_time_section();
  auto call = make_section<CallSpec>({
      required(scalar("service", &CallSpec::service, name_text(),
                      "The service called (a services[].name); the calls form no cycle.")),
      scalar("probability", &CallSpec::probability, number(0),
             "Share of this service's requests that make the call, at most 1."),
      scalar("timeout", &CallSpec::timeout, duration(kZero, true), "Per try."),
      scalar("retries", &CallSpec::retries, whole(0), "Tries beyond the first."),
  });
  return make_section<ServiceSpec>(
      {
          required(scalar("name", &ServiceSpec::name, name_text(),
                          "Unique name; clients target it, --set can use it "
                          "(`services.<name>.replicas`).")),
          scalar("replicas", &ServiceSpec::replicas, whole(0), "Instances kept running."),
          scalar("workers", &ServiceSpec::workers, whole(1),
                 "Requests served in parallel by one instance."),
          scalar("queue_limit", &ServiceSpec::queue_limit, whole(0),
                 "Requests waiting beyond the workers; more are rejected."),
          section("service_time", &ServiceSpec::service_time, service_time,
                  "Time a request occupies a worker."),
          scalar("startup", &ServiceSpec::startup, duration(kZero),
                 "From scheduled to process up (starting)."),
          scalar("readiness", &ServiceSpec::readiness, duration(kZero),
                 "From starting to ready to serve."),
          scalar("drain", &ServiceSpec::drain, duration(kZero),
                 "Graceful stop: from terminating to gone."),
          scalar("version", &ServiceSpec::version, name_text(),
                 "Version label of the initial instances."),
          list("calls", &ServiceSpec::calls, call,
               "Services called while serving each request, after its service time, each "
               "through the pattern under test (the service call graph)."),
          scalar("call_mode", &ServiceSpec::call_mode, choice<CallMode>(),
                 "sequential: one call after the other; parallel: all at once."),
          scalar("on_call_failure", &ServiceSpec::on_call_failure, choice<CallFailure>(),
                 "fail: a failed call fails the request; degrade: the request is answered "
                 "without it (counted as degraded)."),
      },
      "name");
}

std::shared_ptr<const Section> client_section() {
  auto burst = make_section<BurstSpec>({
      required(scalar("at", &BurstSpec::at, duration(kZero), "Start, from the run's start.")),
      required(scalar("duration", &BurstSpec::duration, duration(kZero, true), "Length.")),
      scalar("factor", &BurstSpec::factor, number(0), "Rate multiplier while it lasts."),
  });
  return make_section<ClientSpec>(
      {
          required(scalar("name", &ClientSpec::name, name_text(), "Unique name.")),
          scalar("count", &ClientSpec::count, whole(0),
                 "Caller processes, placed round-robin over the hosts."),
          required(scalar("target", &ClientSpec::target, name_text(),
                          "The service called (a services[].name).")),
          scalar("rate", &ClientSpec::rate_per_s, rate(), "Poisson request rate of each caller."),
          list("bursts", &ClientSpec::bursts, burst, "Periods of multiplied rate."),
          scalar("timeout", &ClientSpec::timeout, duration(kZero, true), "Per try."),
          scalar("retries", &ClientSpec::retries, whole(0), "Tries beyond the first."),
          scalar("sessions", &ClientSpec::sessions, whole(0),
                 "Distinct hash keys (users, sessions) the group's requests carry, for ring "
                 "hash and Maglev; 0: every request its own key."),
          with_default_note(
              optional_scalar("start", &ClientSpec::start, duration(kZero),
                              "When its callers start, from the run's start: each fetches "
                              "its discovery data then and issues requests from then on."),
              "absent: 1 s after the initial deployment is ready (every initial replica was "
              "ready once)"),
          scalar("route", &ClientSpec::route, text(),
                 "The route its requests take (a routes[].name, whose service is the "
                 "target); empty: the target's default route. An L7 gateway applies it."),
          scalar("external", &ClientSpec::external, boolean(),
                 "Outside the cluster (north-south): api-gateway sends its requests through "
                 "the gateway; other patterns serve it as any caller."),
      },
      "name");
}

std::shared_ptr<const Section> route_section() {
  auto version = make_section<RouteVersionSpec>({
      required(scalar("version", &RouteVersionSpec::version, name_text(),
                      "A version label (services[].version, rolling_updates[].version).")),
      scalar("weight", &RouteVersionSpec::weight, whole(0),
             "Relative share of the route's requests sent to this version's instances."),
  });
  return make_section<RouteSpec>(
      {
          required(scalar("name", &RouteSpec::name, name_text(),
                          "Unique name; clients[].route refers to it.")),
          scalar("host", &RouteSpec::host, text(),
                 "Host header matched: exact, or a wildcard label at either end (\"admin.*\", "
                 "\"*.example.com\"); empty: any host (Kong `hosts`)."),
          scalar("path", &RouteSpec::path, text(),
                 "Path prefix matched (\"/api\" or \"/api/*\"); empty or \"/\": any path "
                 "(Kong `paths`)."),
          required(scalar("service", &RouteSpec::service, name_text(),
                          "The service the route sends to (a services[].name).")),
          list("versions", &RouteSpec::versions, version,
               "Weighted split over version subsets (a canary: v2 10, v1 90); empty: every "
               "instance."),
      },
      "name");
}

std::shared_ptr<const Section> churn_section() {
  auto crashes = make_section<CrashSpec>({
      scalar("rate_per_instance", &CrashSpec::rate_per_instance_per_s, rate(),
             "Poisson crash rate of each running instance."),
      scalar("restart_delay", &CrashSpec::restart_delay, duration(kZero),
             "From a crash to its replacement being scheduled."),
      scalar_list("services", &CrashSpec::services, name_text(),
                  "Services whose instances crash; empty: every service."),
  });
  auto rolling_update = make_section<RollingUpdateSpec>({
      required(scalar("service", &RollingUpdateSpec::service, name_text(),
                      "The service updated (a services[].name).")),
      required(scalar("at", &RollingUpdateSpec::at, duration(kZero), "Start of the update.")),
      scalar("batch_size", &RollingUpdateSpec::batch_size, whole(1),
             "Replacements started at once."),
      scalar("max_unavailable", &RollingUpdateSpec::max_unavailable, whole(0),
             "Old instances stopped before their replacements are ready."),
      scalar("version", &RollingUpdateSpec::version, name_text(), "Version label rolled out."),
  });
  auto host_failure = make_section<HostFailureSpec>({
      required(scalar("host", &HostFailureSpec::host, name_text(),
                      "A host of the platform, e.g. rack0-host1.")),
      required(scalar("at", &HostFailureSpec::at, duration(kZero), "When it goes down.")),
      with_default_note(optional_scalar("duration", &HostFailureSpec::duration,
                                        duration(kZero, true), "Back up after this long."),
                        "absent: stays down"),
  });
  auto component = make_section<ComponentFailureSpec>({
      required(
          scalar("component", &ComponentFailureSpec::component, name_text(),
                 "A component of the pattern run: registry (every pattern), dns-server "
                 "(dns), lb and lb-standby (central-lb), proxy@<host name> (per-host-proxy).")),
      required(scalar("at", &ComponentFailureSpec::at, duration(kZero),
                      "When its process crashes (its host stays up: connections are refused).")),
      with_default_note(optional_scalar("duration", &ComponentFailureSpec::duration,
                                        duration(kZero, true), "Back up after this long."),
                        "absent: stays down"),
  });
  return make_section<ChurnSpec>({
      section("crashes", &ChurnSpec::crashes, crashes, "Random crashes of instances."),
      list("rolling_updates", &ChurnSpec::rolling_updates, rolling_update,
           "Deploys of a new version."),
      list("host_failures", &ChurnSpec::host_failures, host_failure, "Hosts going down."),
      list("components", &ChurnSpec::components, component,
           "The pattern's own components (registry, LB, DNS server) crashing."),
  });
}

// --- Shared scenario axes: one function each, reused by every pattern's section -------------

std::shared_ptr<const Section> registry_section() {
  return make_section<RegistrySpec>({
      with_default_note(scalar("host", &RegistrySpec::host, text(), "Host running the registry."),
                        "the host reserved for the registry (platform.reserved), else the first "
                        "host"),
      scalar("eviction_interval", &RegistrySpec::eviction_interval, duration(kZero, true),
             "How often the registry evicts expired leases."),
      scalar("response_cache_interval", &RegistrySpec::response_cache_interval, duration(kZero),
             "Registry read-cache refresh; 0s: no cache."),
      scalar("eureka_double_expiry", &RegistrySpec::eureka_double_expiry, boolean(),
             "Expire after twice the lease, as Eureka does."),
  });
}

std::shared_ptr<const Section> registration_section() {
  return make_section<RegistrationSpec>({
      scalar("mode", &RegistrationSpec::mode, choice<RegistrationMode>(),
             "Who registers an instance: itself, a sidecar beside it, or the orchestrator."),
      scalar("heartbeat_interval", &RegistrationSpec::heartbeat_interval, duration(kZero, true),
             "Instance → registry lease renewals."),
      scalar("lease_duration", &RegistrationSpec::lease_duration, duration(kZero, true),
             "A registration expires this long after its last heartbeat."),
      scalar("check_interval", &RegistrationSpec::check_interval, duration(kZero, true),
             "sidecar: how often it checks its instance (nerve 0.5 s)."),
      scalar("check_timeout", &RegistrationSpec::check_timeout, duration(kZero, true),
             "sidecar: a check not answered by then failed (nerve 0.1 s)."),
      scalar("check_rise", &RegistrationSpec::check_rise, whole(1),
             "sidecar: passed checks in a row before it registers the instance (nerve 1)."),
      scalar("check_fall", &RegistrationSpec::check_fall, whole(1),
             "sidecar: failed checks in a row before it deregisters it (nerve 1)."),
      scalar("sidecar_per_host", &RegistrationSpec::sidecar_per_host, boolean(),
             "sidecar: one agent per host (a Consul agent, nerve) that outlives a crashed "
             "container and deregisters it after its failed checks; false: a sidecar in the "
             "pod, dying with it, so the entry waits for its lease to expire."),
  });
}

std::shared_ptr<const Section> propagation_section() {
  return make_section<PropagationSpec>({
      scalar("mode", &PropagationSpec::mode, choice<PropagationMode>(),
             "How consumers learn the registry's changes: periodic poll, watch (push) or "
             "blocking query."),
      scalar("fetch_interval", &PropagationSpec::fetch_interval, duration(kZero, true),
             "poll: how often a consumer fetches the registry."),
  });
}

std::shared_ptr<const Section> balancing_section() {
  return make_section<BalancingSpec>({
      scalar("policy", &BalancingSpec::policy, choice<BalancerKind>(),
             "How a target is picked among the routable instances."),
      scalar("least_request_choices", &BalancingSpec::least_request_choices, whole(2),
             "least-request, peak-ewma: instances sampled per pick, the one with fewest "
             "requests in flight (least-request) or the lowest latency estimate (peak-ewma) "
             "wins."),
      scalar("ewma_decay", &BalancingSpec::ewma_decay, duration(kZero, true),
             "peak-ewma: time constant with which a latency estimate decays towards lower "
             "latencies (Linkerd 10 s)."),
      scalar("ewma_default_rtt", &BalancingSpec::ewma_default_rtt, duration(kZero, true),
             "peak-ewma: the estimate of an endpoint not yet measured (Linkerd 30 ms)."),
  });
}

std::shared_ptr<const Section> health_section() {
  auto active = make_section<ActiveHealthSpec>({
      scalar("enabled", &ActiveHealthSpec::enabled, boolean(), "Probe every endpoint."),
      scalar("interval", &ActiveHealthSpec::interval, duration(kZero, true), "Between probes."),
      scalar("timeout", &ActiveHealthSpec::timeout, duration(kZero, true),
             "A probe not answered by then failed."),
      scalar("unhealthy_threshold", &ActiveHealthSpec::unhealthy_threshold, whole(1),
             "Failed probes in a row before an endpoint is taken out."),
      scalar("healthy_threshold", &ActiveHealthSpec::healthy_threshold, whole(1),
             "Passed probes in a row before it is put back."),
  });
  auto passive = make_section<PassiveHealthSpec>({
      scalar("enabled", &PassiveHealthSpec::enabled, boolean(),
             "Eject an endpoint after failed requests (outlier detection)."),
      scalar("consecutive_failures", &PassiveHealthSpec::consecutive_failures, whole(1),
             "Failed requests in a row that eject an endpoint."),
      scalar("ejection_time", &PassiveHealthSpec::ejection_time, duration(kZero, true),
             "How long an ejected endpoint stays out the first time; × the times it was "
             "ejected after that (Envoy base_ejection_time)."),
      scalar("max_ejection_time", &PassiveHealthSpec::max_ejection_time, duration(kZero, true),
             "Longest ejection, however often an endpoint was ejected (Envoy 300 s; NGINX: "
             "fail_timeout, as ejection_time)."),
      scalar("max_ejection_percent", &PassiveHealthSpec::max_ejection_percent, number(0),
             "Share of the endpoints that may be ejected at once, at most 100; one may always "
             "be (Envoy 10; NGINX 100)."),
      scalar("success_rate", &PassiveHealthSpec::success_rate, boolean(),
             "Also eject endpoints whose success rate is an outlier (Envoy's success-rate "
             "detector, on by default; NGINX has none)."),
  });
  return make_section<HealthSpec>({
      section("active", &HealthSpec::active, active, "Active health checks."),
      section("passive", &HealthSpec::passive, passive, "Passive health checks."),
  });
}

// A pattern's section: the shared axes it reads, in one order for every pattern.
std::shared_ptr<const Section> client_side_section() {
  auto client_side = make_section<ClientSideSpec>({
      section("registry", &ClientSideSpec::registry, registry_section(),
              "The registry (Eureka server)."),
      section("registration", &ClientSideSpec::registration, registration_section(),
              "How instances register; client-side implements self."),
      section("propagation", &ClientSideSpec::propagation, propagation_section(),
              "How clients learn changes; client-side implements poll (delta fetches)."),
      section("balancing", &ClientSideSpec::balancing, balancing_section(),
              "How a client picks an instance."),
      section("health", &ClientSideSpec::health, health_section(),
              "Health checking by clients; client-side implements none (both disabled)."),
      section("client", &ClientSideSpec::client,
              make_section<ClientLibrarySpec>({
                  scalar("list_refresh_interval", &ClientLibrarySpec::list_refresh_interval,
                         duration(kZero),
                         "How often the balancer copies the discovery client's list into its "
                         "own (Ribbon ServerListRefreshInterval, 30 s); 0s: each fetch at once."),
              }),
              "The client library's balancer over the discovery client (Ribbon over the "
              "Eureka client)."),
  });
  // The flat keys of the first schema, so an old file is told where each went.
  return with_moved_keys(client_side,
                         {
                             {"registry_host", "registry.host"},
                             {"eviction_interval", "registry.eviction_interval"},
                             {"response_cache_interval", "registry.response_cache_interval"},
                             {"eureka_double_expiry", "registry.eureka_double_expiry"},
                             {"heartbeat_interval", "registration.heartbeat_interval"},
                             {"lease_duration", "registration.lease_duration"},
                             {"fetch_interval", "propagation.fetch_interval"},
                             {"balancer", "balancing.policy"},
                             {"least_request_choices", "balancing.least_request_choices"},
                         });
}

// The DNS pattern's own settings: the authoritative server, the client's resolver and the
// optional node-local cache (defaults and their sources: docs/patterns/dns.md).
std::shared_ptr<const Section> dns_settings_section() {
  auto server = make_section<DnsServerSpec>({
      with_default_note(
          scalar("host", &DnsServerSpec::host, text(), "Host running the DNS server."),
          "the host reserved for the DNS server (platform.reserved), else the "
          "registry's host"),
      scalar("ttl", &DnsServerSpec::ttl, duration(kZero),
             "TTL of its answers (CoreDNS kubernetes plugin: 5s; kubeadm 30s, Mesos-DNS 60s, "
             "Consul 0s); whole seconds on the wire."),
      scalar("negative_ttl", &DnsServerSpec::negative_ttl, duration(kZero),
             "TTL of negative answers (SOA minimum): an unknown name, a service without "
             "instances."),
      scalar("answer_limit", &DnsServerSpec::answer_limit, whole(0),
             "Records per UDP answer (Consul's udp_answer_limit 3); 0: as many as fit."),
      scalar("rotate", &DnsServerSpec::rotate, boolean(),
             "Start each answer one record further along (round-robin DNS)."),
  });
  auto client = make_section<DnsClientSpec>({
      scalar("cache", &DnsClientSpec::cache, choice<DnsClientCache>(),
             "The client library's cache: none (glibc: every request resolves), jvm (a fixed "
             "TTL, cache_ttl, whatever the record says), ttl (the record's TTL)."),
      scalar("cache_ttl", &DnsClientSpec::cache_ttl, duration(kZero, true),
             "jvm: how long an answer is kept (networkaddress.cache.ttl)."),
      scalar("timeout", &DnsClientSpec::timeout, duration(kZero, true),
             "Per resolver try (glibc RES_TIMEOUT)."),
      scalar("attempts", &DnsClientSpec::attempts, whole(1),
             "Rounds of tries over the servers (glibc RES_DFLRETRY)."),
  });
  auto node_local = make_section<DnsNodeLocalSpec>({
      scalar("enabled", &DnsNodeLocalSpec::enabled, boolean(),
             "A caching resolver on every caller host (NodeLocal DNSCache, DC/OS Spartan)."),
      scalar("max_ttl", &DnsNodeLocalSpec::max_ttl, duration(kZero, true),
             "Longest time it keeps an answer (the record's TTL below that)."),
      scalar("max_negative_ttl", &DnsNodeLocalSpec::max_negative_ttl, duration(kZero, true),
             "Longest time it keeps a negative answer."),
  });
  return make_section<DnsSettingsSpec>({
      section("server", &DnsSettingsSpec::server, server,
              "The authoritative DNS server, fed from the registry."),
      section("client", &DnsSettingsSpec::client, client, "Each caller's resolver."),
      section("node_local", &DnsSettingsSpec::node_local, node_local,
              "A DNS cache per caller host."),
  });
}

std::shared_ptr<const Section> dns_section() {
  return make_section<DnsSpec>({
      section("registry", &DnsSpec::registry, registry_section(),
              "The registry the DNS server answers from."),
      section("registration", &DnsSpec::registration, registration_section(),
              "How instances register; dns implements self, sidecar and orchestrator."),
      section("propagation", &DnsSpec::propagation, propagation_section(),
              "How the DNS server learns the registry's changes (CoreDNS: watch; Mesos-DNS: "
              "poll; Consul agent: blocking-query)."),
      section("balancing", &DnsSpec::balancing, balancing_section(),
              "How a client picks among the answer's addresses; dns-rotated: the answer's "
              "first, retries along the answer."),
      section("health", &DnsSpec::health, health_section(),
              "Health checking by clients over the answered addresses."),
      section("dns", &DnsSpec::dns, dns_settings_section(),
              "DNS server, client resolver and node-local cache."),
  });
}

std::shared_ptr<const Section> service_time_section() {
  return make_section<ServiceTimeSpec>({
      scalar("distribution", &ServiceTimeSpec::distribution, choice<ServiceTimeDistribution>(),
             "Distribution of the time one request occupies a worker."),
      scalar("mean", &ServiceTimeSpec::mean, duration(kZero, true), "Mean service time."),
      scalar("sigma", &ServiceTimeSpec::sigma, number(0),
             "lognormal: standard deviation of the logarithm."),
  });
}

std::shared_ptr<const Section> lb_section() {
  auto sync = make_section<LbSyncSpec>({
      scalar("mode", &LbSyncSpec::mode, choice<LbSyncMode>(),
             "direct: each registry change is applied at once (HAProxy runtime API, vulcand); "
             "template: rendered into a configuration file and reloaded (consul-template or "
             "confd + HAProxy/NGINX, Marathon-LB)."),
      scalar("wait_min", &LbSyncSpec::wait_min, duration(kZero),
             "template: quiescence before a render (consul-template `wait` min); 0s: render "
             "at once."),
      scalar("wait_max", &LbSyncSpec::wait_max, duration(kZero),
             "template: longest a render waits after the first change; 0s with wait_min set: "
             "4 × wait_min."),
      scalar("reload_time", &LbSyncSpec::reload_time, duration(kZero),
             "template: from a render to the new configuration serving; meanwhile the old "
             "process serves the old backends."),
      scalar("reload_refuses", &LbSyncSpec::reload_refuses, boolean(),
             "template: new connections are refused during a reload (HAProxy -sf without "
             "-x); false: seamless (master-worker with -x, Marathon-LB)."),
  });
  return make_section<LbSpec>({
      with_default_note(scalar("host", &LbSpec::host, text(), "Host running the load balancer."),
                        "the host reserved for the load balancer (platform.reserved), else "
                        "the registry's host"),
      with_default_note(scalar("standby_host", &LbSpec::standby_host, text(),
                               "Host of a standby LB (keepalived/VRRP pair): it syncs all the "
                               "time and takes the virtual IP failover_time after the active "
                               "one went down."),
                        "absent: no standby"),
      scalar("failover_time", &LbSpec::failover_time, duration(kZero),
             "From the active LB going down to the standby holding the virtual IP (VRRP: 3 × "
             "advert_int + skew)."),
      scalar("workers", &LbSpec::workers, whole(1),
             "Requests processed in parallel (threads; an event loop each)."),
      scalar("connection_limit", &LbSpec::connection_limit, whole(1),
             "Requests in flight at the LB (processing or waiting for a backend); more are "
             "rejected as overloaded (HAProxy maxconn)."),
      scalar("server_maxconn", &LbSpec::server_maxconn, whole(0),
             "Tries in flight to one backend at most (HAProxy server maxconn); a request "
             "finding every backend full waits at the LB, oldest first; 0: no limit."),
      scalar("queue_timeout", &LbSpec::queue_timeout, duration(kZero, true),
             "With server_maxconn: longest wait at the LB for a free backend; then the request "
             "fails as overloaded (HAProxy timeout queue, its 503)."),
      section("service_time", &LbSpec::service_time, service_time_section(),
              "CPU time the LB spends on one request."),
      scalar("try_timeout", &LbSpec::try_timeout, duration(kZero, true),
             "Per backend try (HAProxy timeout server)."),
      scalar("retries", &LbSpec::retries, whole(0),
             "Backend tries beyond the first, each to another backend (option redispatch, "
             "NGINX proxy_next_upstream)."),
      section("sync", &LbSpec::sync, sync, "How the backend list follows the registry."),
  });
}

std::shared_ptr<const Section> central_lb_section() {
  return make_section<CentralLbSpec>({
      section("registry", &CentralLbSpec::registry, registry_section(), "The registry."),
      section("registration", &CentralLbSpec::registration, registration_section(),
              "How instances register (self, sidecar or orchestrator)."),
      section("propagation", &CentralLbSpec::propagation, propagation_section(),
              "How the LB learns changes: watch, blocking-query or poll."),
      section("balancing", &CentralLbSpec::balancing, balancing_section(),
              "How the LB picks a backend."),
      section("health", &CentralLbSpec::health, health_section(),
              "Health checking by the LB: active checks (HAProxy `inter 2s fall 3 rise 2`, "
              "on by default) and passive ejection."),
      section("lb", &CentralLbSpec::lb, lb_section(), "The load balancer (and its standby)."),
  });
}

std::shared_ptr<const Section> per_host_proxy_section() {
  auto proxy = make_section<ProxySpec>({
      scalar("workers", &ProxySpec::workers, whole(1), "Connections processed in parallel."),
      scalar("connection_limit", &ProxySpec::connection_limit, whole(1),
             "Connections in flight at one host's proxy; more are rejected as overloaded."),
      section("service_time", &ProxySpec::service_time, service_time_section(),
              "CPU time per connection (L4: microseconds, kube-proxy's in-kernel rules)."),
      scalar("try_timeout", &ProxySpec::try_timeout, duration(kZero, true), "Per backend try."),
      scalar("retries", &ProxySpec::retries, whole(0),
             "Backend tries beyond the first, each to another backend."),
  });
  auto sync = make_section<ProxySyncSpec>({
      scalar("min_sync_period", &ProxySyncSpec::min_sync_period, duration(kZero),
             "Changes are applied to the proxy's table at most once per period (kube-proxy "
             "minSyncPeriod, 1 s for iptables); 0s: each change at once (synapse, Minuteman)."),
      scalar("sync_period", &ProxySyncSpec::sync_period, duration(kZero, true),
             "Full resync of the table (kube-proxy syncPeriod 30 s); it repairs drift, which "
             "the model has none of, so it sends nothing; at least min_sync_period."),
      scalar("delta", &ProxySyncSpec::delta, boolean(),
             "poll: ask for the changes since the last index seen; false: full lists."),
  });
  return make_section<PerHostProxySpec>({
      section("registry", &PerHostProxySpec::registry, registry_section(), "The registry."),
      section("registration", &PerHostProxySpec::registration, registration_section(),
              "How instances register (self, sidecar or orchestrator)."),
      section("propagation", &PerHostProxySpec::propagation, propagation_section(),
              "How every proxy learns changes: watch (synapse on ZooKeeper, kube-proxy on the "
              "API server), blocking-query or poll (Minuteman polls its agent every 2 s)."),
      section("balancing", &PerHostProxySpec::balancing, balancing_section(),
              "How a proxy picks a backend (Minuteman: weighted least-connection)."),
      section("health", &PerHostProxySpec::health, health_section(),
              "Health checking by each proxy (off by default: kube-proxy relies on readiness "
              "in the endpoints)."),
      section("proxy", &PerHostProxySpec::proxy, proxy, "Each host's proxy process."),
      section("sync", &PerHostProxySpec::sync, sync, "How each proxy's table is synced."),
  });
}

std::shared_ptr<const Section> gateway_section() {
  return make_section<GatewaySpec>({
      with_default_note(scalar("host", &GatewaySpec::host, text(), "Host running the gateway."),
                        "the host reserved for the gateway (platform.reserved), else the "
                        "registry's host"),
      with_default_note(scalar("standby_host", &GatewaySpec::standby_host, text(),
                               "Host of a standby gateway (keepalived/VRRP pair): it syncs all "
                               "the time and takes the virtual IP failover_time after the "
                               "active one went down."),
                        "absent: no standby"),
      scalar("failover_time", &GatewaySpec::failover_time, duration(kZero),
             "From the active gateway going down to the standby holding the virtual IP (VRRP: "
             "3 × advert_int + skew)."),
      scalar("workers", &GatewaySpec::workers, whole(1),
             "Requests processed in parallel (NGINX worker processes under Kong)."),
      scalar("connection_limit", &GatewaySpec::connection_limit, whole(1),
             "Requests in flight at the gateway; more are rejected as overloaded (Kong caps "
             "open connections at 16384)."),
      section("service_time", &GatewaySpec::service_time, service_time_section(),
              "CPU time the gateway spends on one request (L7: ~400 µs, a 2-core Kong node "
              "saturating near 5000 req/s)."),
      scalar("try_timeout", &GatewaySpec::try_timeout, duration(kZero, true), "Per upstream try."),
      scalar("retries", &GatewaySpec::retries, whole(0),
             "Upstream tries beyond the first, each to another target (Kong `retries`)."),
      scalar("upstreams", &GatewaySpec::upstreams, choice<GatewayUpstreams>(),
             "Where the gateway's targets come from: registry (propagation.mode), or dns (a "
             "CoreDNS-like server fed from the registry by a watch, TTL 5 s; the gateway "
             "resolves each service's name as Kong does)."),
      scalar("dns_stale_ttl", &GatewaySpec::dns_stale_ttl, duration(kZero),
             "dns: how long an expired record still serves while it is refreshed in the "
             "background (Kong `dns_stale_ttl`, 4 s before Kong 3.6)."),
  });
}

std::shared_ptr<const Section> api_gateway_section() {
  return make_section<ApiGatewaySpec>({
      section("registry", &ApiGatewaySpec::registry, registry_section(), "The registry."),
      section("registration", &ApiGatewaySpec::registration, registration_section(),
              "How instances register (self, sidecar or orchestrator)."),
      section("propagation", &ApiGatewaySpec::propagation, propagation_section(),
              "How the gateway learns changes (watch, blocking-query or poll); internal "
              "callers' client library polls every fetch_interval whatever the mode."),
      section("balancing", &ApiGatewaySpec::balancing, balancing_section(),
              "How the gateway and internal callers pick an instance."),
      section("health", &ApiGatewaySpec::health, health_section(),
              "Health checking by the gateway and internal callers: active checks (on by "
              "default, every 2 s) and passive ejection."),
      section("gateway", &ApiGatewaySpec::gateway, gateway_section(),
              "The gateway (and its standby)."),
  });
}

std::shared_ptr<const Section> patterns_section() {
  return make_section<PatternsSpec>({
      section("client_side", &PatternsSpec::client_side, client_side_section(),
              "Client-side discovery (Eureka + Ribbon)."),
      section("dns", &PatternsSpec::dns, dns_section(),
              "Server-side discovery with DNS (CoreDNS, Consul DNS, Mesos-DNS)."),
      section("central_lb", &PatternsSpec::central_lb, central_lb_section(),
              "Central load balancer (HAProxy/NGINX kept in sync with the registry)."),
      section("per_host_proxy", &PatternsSpec::per_host_proxy, per_host_proxy_section(),
              "A load-balancing proxy on every host (SmartStack, kube-proxy, Minuteman)."),
      section("api_gateway", &PatternsSpec::api_gateway, api_gateway_section(),
              "API gateway at the edge (Kong, NGINX, Envoy) for external callers; internal "
              "callers use client-side discovery on the same registry."),
  });
}

// metrics.warmup: a duration, or `auto` (MSER-5, sim/metrics/auto_warmup.h), which sets
// MetricsSpec::warmup_auto and is written back as `auto`.
Key warmup_key() {
  const Codec<Duration> codec = duration(kZero);
  Key key = scalar("warmup", &MetricsSpec::warmup, codec,
                   "Excluded from summary statistics; less than the run's duration. `auto`: "
                   "chosen by MSER-5 from a first pass of the same run (fast engine only; "
                   "docs/metrics.md, \"Warm-up and batch means\").");
  key.type_name = "duration or `auto`";
  key.expected = codec.expected + ", or auto";
  key.parse_into = [parse = codec.parse](void* object, const std::string& text) {
    auto& m = *static_cast<MetricsSpec*>(object);
    if (text == "auto") {
      m.warmup_auto = true;
      m.warmup = Duration{};
      return true;
    }
    const auto value = parse(text);
    if (value) {
      m.warmup_auto = false;
      m.warmup = *value;
    }
    return value.has_value();
  };
  key.format = [format = codec.format](const void* object) {
    const auto& m = *static_cast<const MetricsSpec*>(object);
    return std::vector<std::string>{m.warmup_auto ? std::string("auto") : format(m.warmup)};
  };
  return key;
}

std::shared_ptr<const Section> metrics_section() {
  return make_section<MetricsSpec>({
      scalar("interval", &MetricsSpec::interval, duration(kZero, true),
             "Width of a timeseries row; at most the run's duration."),
      warmup_key(),
      scalar("batches", &MetricsSpec::batches, whole(2),
             "Batches the measured period is cut into for the single-run intervals of "
             "summary.json's `steady_state` (batch means); fewer when it has fewer intervals."),
  });
}

std::shared_ptr<const Section> build_root() {
  return make_section<Scenario>({
      with_default_note(scalar("name", &Scenario::name, text(),
                               "Shown in reports; names the results folder, so no path "
                               "separators and no leading `.`."),
                        "the file name without its extension"),
      scalar("description", &Scenario::description, text(), "Free text."),
      scalar("duration", &Scenario::duration, duration(kZero, true), "Simulated time of a run."),
      scalar("seed", &Scenario::seed, whole<std::uint64_t>(0),
             "Root of every random stream, at most 18446744073709551615; `discolab run "
             "--seed` overrides it and accepts the same values."),
      scalar("engine", &Scenario::engine, text_choice(name_list(kEngineNames)),
             "fast: own event queue, no contention; simgrid: flow-level network."),
      scalar("pattern", &Scenario::pattern, text_choice(name_list(kPatternNames)),
             "Discovery pattern run unless --pattern says otherwise."),
      section("platform", &Scenario::platform, platform_section(), "Hosts and network."),
      required(
          list("services", &Scenario::services, service_section(), "The services; at least one.")),
      list("clients", &Scenario::clients, client_section(), "Callers generating requests."),
      list("routes", &Scenario::routes, route_section(),
           "L7 routes (host, path → service, version split) an API gateway applies."),
      section("churn", &Scenario::churn, churn_section(), "What changes during the run."),
      section("patterns", &Scenario::patterns, patterns_section(), "Settings per pattern."),
      section("metrics", &Scenario::metrics, metrics_section(), "Measurement."),
  });
}

}  // namespace

const Section& scenario_root_section() {
  static const std::shared_ptr<const Section> root = build_root();
  return *root;
}

}  // namespace discolab::schema

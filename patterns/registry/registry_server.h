// A registry server: a Catalog behind an endpoint, with the timers real registries run.
//
// Models Eureka's server (leases, eviction timer, read-only response cache, delta fetches),
// Consul's catalog (blocking queries with wait and jitter, ACLs) and etcd (streaming watches
// with progress notifications). Which one it behaves like is the Config; see the presets.
//
// Parameters (RegistryServerConfig; durations are simulated time):
// - catalog: expiry rule, minimum lease, delta retention (catalog.h).
// - eviction_interval: how often expired leases are swept (Eureka evictionIntervalTimerInMs =
//   60 s); sweeps run at start + phase + k × interval. 0: an entry is removed exactly when it
//   expires.
// - response_cache_refresh: 0 = off; otherwise fetches (full and delta) are answered from a
//   read-only snapshot re-taken every refresh (Eureka responseCacheUpdateIntervalMs = 30 s),
//   at start + phase + k × refresh.
// - random_phase: the sweep's and the refresh's phases are independent draws, uniform in
//   (0, interval] (streams "registry/<name>"/"eviction-phase" and "cache-phase"; redrawn at each
//   start()), as a server started at an unrelated moment has (docs/architecture.md,
//   decision 6). false: phase = interval, both timers tick at start + k × interval.
//   A service is snapshotted on its first fetch and then at every refresh tick.
//   Blocking queries and watches always read the live catalog.
// - default_query_wait / max_query_wait: Consul's 300 s / 600 s; a parked blocking query is
//   answered at wait + stagger, stagger uniform in [0, wait / query_jitter_divisor) (16).
// - watch_progress_interval: empty WatchEvents to every watcher so that it can tell a quiet
//   registry from a dead one (etcd's progress notify, 600 s); 0 = never.
// - acl: when enabled, an identity may write only under the service of its own name, or
//   under the services granted to it ("*" = any); rejected writes are counted
//   ("registry.acl_rejected") and answered with WriteError::acl_denied.
//
// Views: the server reports, per service, the ids of the `up` instances it serves to
// Observer as component "registry/<name>" (opened at the service's first change).
// Counts: registry.acl_rejected, registry.expired.
//
// Lifecycle: constructed running. stop() models the process going down (host failure):
// messages are ignored, timers stop, watch subscriptions and parked queries are lost; the
// catalog is kept (it is persisted, as in Consul and etcd). start() brings it back and
// renews every lease at that instant (etcd's lease refresh on a new leader), so the outage
// itself evicts nobody. A network cut without stop() keeps the timers running: leases
// whose renewals are dropped expire, as they would on a partitioned Eureka.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "patterns/core/random.h"
#include "patterns/core/runtime.h"
#include "patterns/registry/catalog.h"
#include "patterns/registry/protocol.h"

namespace discolab::registry {

struct AclPolicy {
  bool enabled = false;
  // identity → services it may also write ("*" = every service).
  std::map<std::string, std::set<std::string>, std::less<>> grants;

  bool allows(std::string_view identity, std::string_view service) const;
};

struct RegistryServerConfig {
  std::string name = "main";               // the view component is "registry/<name>"
  std::string endpoint_kind = "registry";  // Runtime::open component, for cost accounting
  CatalogConfig catalog{};
  Duration eviction_interval = std::chrono::seconds(60);
  Duration response_cache_refresh{0};
  Duration default_query_wait = std::chrono::seconds(300);
  Duration max_query_wait = std::chrono::seconds(600);
  std::int64_t query_jitter_divisor = 16;
  Duration watch_progress_interval = std::chrono::seconds(600);
  bool random_phase = true;
  AclPolicy acl{};
  WireSizes sizes{};

  // Eureka 1.x server: 2× lease quirk, 60 s eviction, 30 s read-only cache, 180 s deltas.
  static RegistryServerConfig eureka();
  // Consul catalog: TTL leases expire exactly (the check turns critical at the TTL); no cache.
  static RegistryServerConfig consul();
  // etcd: exact leases with a 2 s minimum TTL; watches with 600 s progress notifications.
  static RegistryServerConfig etcd();
};

class RegistryServer {
 public:
  RegistryServer(Runtime& runtime, HostId host, RegistryServerConfig config = {});
  ~RegistryServer();
  RegistryServer(const RegistryServer&) = delete;
  RegistryServer& operator=(const RegistryServer&) = delete;

  EndpointId endpoint() const { return endpoint_; }
  HostId host() const { return host_; }
  const Catalog& catalog() const { return catalog_; }
  const RegistryServerConfig& config() const { return config_; }

  void stop();
  void start();
  bool running() const { return running_; }

  std::size_t watcher_count() const;
  std::size_t parked_queries() const { return parked_.size(); }

 private:
  struct Parked {
    EndpointId from;
    std::uint64_t request_id;
    std::string service;
    TimerId timer;
  };
  struct Watch {
    std::uint64_t request_id;
    std::uint64_t sent_index;
  };
  struct View {
    ViewId id;
    std::uint64_t serving_version;  // Catalog::serving_version when last reported
  };

  void on_message(const Message& msg);
  void on_register(const Message& msg, const RegisterRequest& req);
  void on_renew(const Message& msg, const RenewRequest& req);
  void on_deregister(const Message& msg, const DeregisterRequest& req);
  void on_fetch(const Message& msg, const FetchRequest& req);
  void on_query(const Message& msg, const BlockingQueryRequest& req);
  void on_watch(const Message& msg, const WatchRequest& req);

  bool acl_allows(std::string_view identity, std::string_view service);
  void reply(EndpointId to, RegistryReply r);
  void answer_query(std::uint64_t seq);
  // After a change of `services`: report views, push to watchers, wake parked queries.
  void changed(const std::set<std::string>& services);
  void report_view(const std::string& service);
  void push_watches(const std::string& key);
  // The read-only cache's snapshot of `service` (taken now if it has none).
  const UpdatePtr& frozen(const std::string& service);

  void arm_eviction();
  void sweep();
  void arm_cache_refresh(Duration after);
  // The first delay of a periodic timer: a random phase, or one period.
  Duration first_delay(RandomStream& phase, Duration period);
  void arm_progress();
  void cancel_timers();

  Runtime& rt_;
  HostId host_;
  RegistryServerConfig config_;
  Catalog catalog_;
  EndpointId endpoint_ = kNoEndpoint;
  RandomStream jitter_;
  RandomStream eviction_phase_;
  RandomStream cache_phase_;
  bool running_ = true;
  bool eviction_started_ = false;  // periodic sweeps: the first one since start() is armed

  TimerId eviction_timer_ = kNoTimer;
  SimTime eviction_at_ = kNever;  // exact mode: when eviction_timer_ fires
  TimerId cache_timer_ = kNoTimer;
  TimerId progress_timer_ = kNoTimer;

  std::map<std::uint64_t, Parked> parked_;  // by arrival order
  std::uint64_t next_parked_ = 1;
  std::map<std::string, std::map<EndpointId, Watch>, std::less<>> watches_;
  std::map<std::string, View, std::less<>> views_;
  std::map<std::string, UpdatePtr, std::less<>> cache_;
};

}  // namespace discolab::registry

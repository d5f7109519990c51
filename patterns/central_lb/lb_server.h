// A central load balancer's process: HAProxy or NGINX in front of every service's instances.
//
// Per service it opens a frontend endpoint (component "load-balancer") — one port per service,
// as Marathon-LB gives each app a service port — and keeps a backend: an Upstream (endpoints
// from the registry by watch, blocking query or poll, optionally through a template render +
// reload; the LB's own active health checks and passive ejection; its balancer) and the
// upstream leg, a RetryingCaller whose RequestOwner is this server, so the leg's outcomes are
// the LB's business and not user requests; its tries carry the client's origin tag.
//
// A client's RequestMsg on a frontend:
//   1. admission: at most `connection_limit` requests in flight at the LB (being processed or
//      waiting for a backend: HAProxy's maxconn, NGINX's worker_connections); beyond it the
//      request is answered RejectMsg{overloaded}. In template mode, a reload that refuses new
//      connections (HAProxy -sf without -x) answers RejectMsg{lb_down}.
//   2. processing: a ServerCore (`workers` threads, FIFO queue) spends the LB's CPU time per
//      request (`service_time`). The LB is modelled as event-driven, as HAProxy and NGINX are:
//      a thread is busy only for that CPU time, not while the backend works; what bounds
//      concurrency is the connection limit (HAProxy doc/configuration.txt `maxconn`; NGINX
//      `worker_connections`, default 512 per worker, two connections per proxied request).
//   3. forwarding: the leg picks a backend and tries it within `try_timeout` (with
//      `server_maxconn` set, a backend takes at most that many tries at once and a request
//      finding them all full waits at the LB, oldest first, up to `queue_timeout`: HAProxy's
//      server maxconn and backend queue, patterns/central_lb/server_slots.h); a failed try
//      (refused, reset by a crashed backend, timed out, rejected) goes to another backend up to
//      `retries` more times (HAProxy `retries` + `option redispatch`; NGINX
//      `proxy_next_upstream error timeout`, its default).
//   4. the answer: ResponseMsg on success; otherwise RejectMsg carrying the leg's cause
//      (no_endpoint, timeout, refused, reset, overloaded, retries_exhausted …).
//
// crash(): the process dies with requests in flight: every client connection is reset
// (ResetMsg), nothing more is sent. The owner then destroys the server (endpoints closed: new
// connections are refused). A host failure is a destruction without resets (the host is gone).
// Views: one per service, component `name` ("lb/primary"), from each backend's Upstream.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "patterns/balancing/factory.h"
#include "patterns/caller/retrying_caller.h"
#include "patterns/central_lb/server_slots.h"
#include "patterns/central_lb/template_source.h"
#include "patterns/configsync/config_sync.h"
#include "patterns/registry/blocking_query_client.h"
#include "patterns/registry/registry_poller.h"
#include "patterns/registry/registry_watcher.h"
#include "patterns/routing/route_chooser.h"
#include "patterns/server/server_core.h"
#include "patterns/upstream/upstream.h"

namespace discolab {

// How the LB learns the registry's changes.
enum class LbSource : std::uint8_t { watch, blocking_query, poll };

struct LbServerConfig {
  std::string name = "lb/primary";  // view component; streams are keyed by "<name>/<service>"
  HostId host = kNoHost;
  EndpointId registry = kNoEndpoint;
  // The process: threads, CPU per request; the queue holds at most connection_limit.
  int workers = 4;
  int connection_limit = 1024;
  // Per backend server: tries in flight at most (HAProxy server `maxconn`; 0: no limit), and
  // how long a request waits at the LB for a free slot (HAProxy `timeout queue`).
  std::uint32_t server_maxconn = 0;
  Duration queue_timeout = std::chrono::seconds(10);
  ServiceTimeSpec service_time{ServiceTimeDistribution::exponential, std::chrono::microseconds(50),
                               0.5};
  // The upstream leg.
  Duration try_timeout = std::chrono::milliseconds(250);
  std::uint32_t retries = 1;
  // Discovery: the source, and optionally a template render + reload in between.
  LbSource source = LbSource::watch;
  registry::PollerConfig poller;           // source poll (name/service set per backend)
  registry::WatcherConfig watcher;         // source watch
  registry::BlockingQueryConfig blocking;  // source blocking_query
  std::optional<configsync::ConfigSyncConfig> template_sync;  // set: render + reload
  bool reload_refuses = false;  // template: new connections refused during a reload
  // Backend selection and health.
  BalancerConfig balancer;
  std::optional<ActiveHealthCheckConfig> active_checks;
  std::optional<OutlierDetectionConfig> outlier_detection;
  double panic_threshold_percent = 50.0;
  // The component its endpoints (frontends, registry consumers, health checks) count under in
  // the traffic figures: "load-balancer"; a per-host proxy's are "proxy".
  std::string endpoint_kind = "load-balancer";
  // L7 routing (an API gateway): requests whose route splits over versions go to the drawn
  // version's subset (patterns/routing/route_chooser.h); null: every request to any backend.
  std::shared_ptr<const RouteTable> routes;
  // Set: each backend's source comes from here instead of the registry (an API gateway
  // resolving its upstreams by DNS); given the service, the entity ("<name>/<service>") and
  // the LB's host.
  std::function<std::unique_ptr<EndpointSource>(const std::string&, const std::string&, HostId)>
      source_factory;
};

class LbServer final : private RequestOwner {
 public:
  LbServer(Runtime& rt, LbServerConfig config);
  ~LbServer() override;
  LbServer(const LbServer&) = delete;
  LbServer& operator=(const LbServer&) = delete;

  // Opens the frontend of `service` (once) and starts its backend; returns the frontend.
  EndpointId serve(const std::string& service);
  // The frontend of `service`, kNoEndpoint when not served.
  EndpointId frontend(const std::string& service) const;
  // The process crashes: resets every client connection in flight.
  void crash();

  const LbServerConfig& config() const { return config_; }
  const Upstream* upstream(const std::string& service) const;
  // With routes: the chooser applying them for `service` (nullptr otherwise).
  const RouteChooser* router(const std::string& service) const;
  // With server_maxconn: the slots and backend queue of `service` (nullptr otherwise).
  const ServerSlots* slots(const std::string& service) const;
  std::size_t in_flight() const { return pending_.size(); }
  const ServerCore& core() const { return core_; }
  std::uint64_t overloaded() const { return overloaded_; }
  std::uint64_t forwarded() const { return forwarded_; }
  std::uint64_t failed() const { return failed_; }

 private:
  struct Backend {
    std::string service;
    EndpointId frontend = kNoEndpoint;
    TemplateSource* rendered = nullptr;  // owned by the upstream; template mode only
    std::unique_ptr<Upstream> upstream;
    std::unique_ptr<RouteChooser> router;  // with routes: the leg's chooser over the upstream
    std::unique_ptr<ServerSlots> slots;    // with server_maxconn: around the chooser
    std::unique_ptr<RetryingCaller> leg;   // destroyed before the upstream it chooses with
  };
  // A client's request at the LB, keyed by the LB's own id (the leg's request id).
  struct Pending {
    EndpointId client = kNoEndpoint;
    std::uint64_t try_id = 0;  // the client's try
    Request request;           // as the client sent it
    Backend* backend = nullptr;
  };

  std::unique_ptr<EndpointSource> make_source(const std::string& service);
  void on_request(Backend& backend, const Message& msg);
  void processed(const ServerJob& job);
  void request_finished(const Request& request, const RequestOutcome& outcome) override;
  void answer(const Pending& p, bool ok, FailureCause cause);

  Runtime& rt_;
  LbServerConfig config_;
  ServerCore core_;
  std::map<std::string, std::unique_ptr<Backend>> backends_;
  std::map<std::uint64_t, Pending> pending_;  // ordered: resets go out in arrival order
  std::uint64_t next_id_ = 1;
  std::uint64_t overloaded_ = 0;
  std::uint64_t forwarded_ = 0;
  std::uint64_t failed_ = 0;
};

}  // namespace discolab

// An upstream: how a client library, load balancer, proxy or gateway turns discovery into a
// target per try. One composition for every pattern (docs/architecture.md, decision 5):
//
//   EndpointSource → HealthState → RoutableEndpoints → Balancer
//   (discovery)      (flags from     (panic            (a pick per try,
//                     active checks,  threshold)        feedback per outcome)
//                     outlier detection)
//
// It is the TargetChooser of a RetryingCaller (patterns/caller):
// - choose(request, tried): first source.prepare(fresh for a request's first try, held for a
//   retry: a DNS source starts a lookup there when it holds no fresh answer); WaitForTarget while
//   the source is pending (its first answer, or a lookup in flight, as gRPC queues picks until its
//   resolver's result); the source's failure() when it has one (a failed DNS lookup:
//   dns_failed); otherwise a pick from the balancer, preferring an
//   instance not in `tried` (up to n picks over n routable endpoints: round robin moves along,
//   random policies draw again; after that the last pick is taken); with no routable endpoint,
//   registry_down if the source never answered and has failed, else no_endpoint. The pick
//   hashes the request's hash_key (ring hash, Maglev); random policies draw from the
//   upstream's "pick" stream.
// - try_started / try_finished: to the balancer (least-request's in-flight counts, peak-EWMA's
//   latencies) and, when configured, to the outlier detector.
// Health filtering is on when active checks or outlier detection are configured: the checker
// probes every discovered endpoint at its address, the detector watches them, each sets its own
// HealthState flag, and the balancer gets the routable list (healthy ones, or all in panic).
// Views: exactly one per upstream, under `name`: the source's list when health filtering is
// off, the routable list when it is on.
//
// Parameters: name (the view's component, e.g. "client/users-3"), entity (keys the "pick" and
// "balancer-setup" streams; "" = name), service, balancer, active_checks, outlier_detection
// (both off by default), panic_threshold_percent (Envoy's 50 %; 0 disables panic).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patterns/balancing/factory.h"
#include "patterns/caller/retrying_caller.h"
#include "patterns/health/active_health_checker.h"
#include "patterns/health/health_state.h"
#include "patterns/health/outlier_detector.h"
#include "patterns/health/routable_endpoints.h"
#include "patterns/upstream/endpoint_source.h"

namespace discolab {

struct UpstreamConfig {
  std::string name;
  std::string entity;
  std::string service;
  BalancerConfig balancer;
  std::optional<ActiveHealthCheckConfig> active_checks;
  std::optional<OutlierDetectionConfig> outlier_detection;
  double panic_threshold_percent = 50.0;

  bool filters_health() const { return active_checks || outlier_detection; }
};

class Upstream final : public TargetChooser, private SourceListener {
 public:
  // `host` is where the holder lives (its active checks leave from there).
  Upstream(Runtime& rt, HostId host, UpstreamConfig config, std::unique_ptr<EndpointSource> source);
  ~Upstream() override;
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  // Starts the source (and the health parts, at the first start); stop() stops the source.
  void start();
  void stop();

  TargetChoice choose(const Request& request, std::span<const InstanceId> tried) override;
  void on_ready(std::function<void()> ready) override { ready_ = std::move(ready); }
  void try_started(const CallTarget& target) override;
  void try_finished(const CallTarget& target, Duration latency, bool ok) override;

  const EndpointSource& source() const { return *source_; }
  const Balancer& balancer() const { return *balancer_; }
  const HealthState& health() const { return health_; }
  // What the balancer routes over.
  const EndpointListPtr& routable() const { return balancer_->endpoint_list(); }
  bool panic() const { return routable_ && routable_->panic(); }
  const ActiveHealthChecker* checker() const { return checker_.get(); }
  const OutlierDetector* outliers() const { return outliers_.get(); }

 private:
  void endpoints_changed(const EndpointListPtr& list) override;
  void settled() override;
  void health_changed(InstanceId instance, HealthFlag flag, bool on);
  void reroute();

  Runtime& rt_;
  HostId host_;
  UpstreamConfig config_;
  std::unique_ptr<EndpointSource> source_;
  std::unique_ptr<Balancer> balancer_;
  RandomStream picks_;
  std::function<void()> ready_;
  bool started_ = false;
  // Health filtering (when configured), created at the first start().
  HealthState health_;
  EndpointListPtr discovered_;
  std::unique_ptr<RoutableEndpoints> routable_;
  std::unique_ptr<ActiveHealthChecker> checker_;
  std::unique_ptr<OutlierDetector> outliers_;
};

}  // namespace discolab

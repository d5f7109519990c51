#include "patterns/upstream/upstream.h"

#include <algorithm>

namespace discolab {

namespace {
bool is_tried(std::span<const InstanceId> tried, InstanceId id) {
  return std::find(tried.begin(), tried.end(), id) != tried.end();
}
ServiceEndpoint endpoint_of(const CallTarget& t) {
  ServiceEndpoint e;
  e.instance = t.instance;
  e.address = t.address;
  return e;
}
const std::string& entity_of(const UpstreamConfig& c) {
  return c.entity.empty() ? c.name : c.entity;
}
}  // namespace

Upstream::Upstream(Runtime& rt, HostId host, UpstreamConfig config,
                   std::unique_ptr<EndpointSource> source)
    : rt_(rt),
      host_(host),
      config_(std::move(config)),
      source_(std::move(source)),
      balancer_(make_balancer(config_.balancer, rt.random(entity_of(config_), "balancer-setup"),
                              [&rt] { return rt.now(); })),
      picks_(rt.random(entity_of(config_), "pick")),
      discovered_(std::make_shared<const EndpointList>()) {}

Upstream::~Upstream() = default;

void Upstream::start() {
  if (!started_ && config_.filters_health()) {
    routable_ = std::make_unique<RoutableEndpoints>(rt_, config_.name, config_.service,
                                                    config_.panic_threshold_percent);
    if (config_.active_checks) {
      checker_ = std::make_unique<ActiveHealthChecker>(
          rt_, host_, *config_.active_checks,
          [this](InstanceId id, bool healthy) {
            health_changed(id, HealthFlag::failed_active_check, !healthy);
          },
          entity_of(config_) + "/health");
    }
    if (config_.outlier_detection) {
      outliers_ = std::make_unique<OutlierDetector>(
          rt_, *config_.outlier_detection, [this](InstanceId id, bool ejected) {
            health_changed(id, HealthFlag::outlier_ejected, ejected);
          });
    }
  }
  started_ = true;
  source_->start(*this, config_.filters_health() ? SourceView::silent : SourceView::report);
}

void Upstream::stop() { source_->stop(); }

void Upstream::endpoints_changed(const EndpointListPtr& list) {
  if (!routable_) {
    balancer_->update(list);
    return;
  }
  // Endpoints discovery dropped are forgotten by every health source.
  for (const ServiceEndpoint& e : *discovered_) {
    const bool kept = std::binary_search(
        list->begin(), list->end(), e,
        [](const ServiceEndpoint& a, const ServiceEndpoint& b) { return a.instance < b.instance; });
    if (!kept) health_.forget(e.instance);
  }
  discovered_ = list;
  if (checker_) checker_->sync_targets(*list);
  if (outliers_) outliers_->set_endpoints(*list);
  reroute();
}

void Upstream::health_changed(InstanceId instance, HealthFlag flag, bool on) {
  if (health_.set(instance, flag, on)) reroute();
}

void Upstream::reroute() {
  if (routable_->update(discovered_, health_)) balancer_->update(routable_->endpoints());
}

void Upstream::settled() {
  if (ready_) ready_();
}

TargetChoice Upstream::choose(const Request& request, std::span<const InstanceId> tried) {
  source_->prepare(tried.empty() ? PickNeed::fresh : PickNeed::held);
  if (source_->pending()) return WaitForTarget{};
  if (const auto cause = source_->failure()) return *cause;
  const std::size_t n = balancer_->endpoints().size();
  if (n == 0) {
    // Never heard from discovery at all: discovery itself failed.
    return !source_->answered() && source_->errors() > 0 ? FailureCause::registry_down
                                                         : FailureCause::no_endpoint;
  }
  PickContext ctx{request.hash_key, &picks_};
  PickResult pick = balancer_->pick(ctx);
  // Prefer an instance not tried yet: a few more picks move round robin along and give
  // random policies another draw; after n attempts take what we have.
  for (std::size_t k = 1; k < n && pick.ok() && is_tried(tried, pick.endpoint.instance); ++k) {
    pick = balancer_->pick(ctx);
  }
  if (!pick.ok()) return FailureCause::no_endpoint;
  return CallTarget{pick.endpoint.address, pick.endpoint.instance};
}

void Upstream::try_started(const CallTarget& target) { balancer_->on_start(endpoint_of(target)); }

void Upstream::try_finished(const CallTarget& target, Duration latency, bool ok) {
  balancer_->on_finish(endpoint_of(target), latency, ok);
  if (outliers_) outliers_->report(target.instance, ok);
}

}  // namespace discolab

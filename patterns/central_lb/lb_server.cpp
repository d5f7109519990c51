#include "patterns/central_lb/lb_server.h"

#include <utility>

#include "patterns/central_lb/first_list_source.h"
#include "patterns/core/data_plane.h"
#include "patterns/core/observer.h"
#include "patterns/upstream/registry_sources.h"

namespace discolab {

namespace {
ServerCoreConfig core_config(const LbServerConfig& c) {
  ServerCoreConfig core;
  core.workers = c.workers;
  // In-flight requests are bounded by the connection limit at admission, so the CPU queue
  // never overflows.
  core.queue_limit = c.connection_limit;
  core.service_time = c.service_time;
  return core;
}
}  // namespace

LbServer::LbServer(Runtime& rt, LbServerConfig config)
    : rt_(rt),
      config_(std::move(config)),
      core_(rt, core_config(config_), rt.random(config_.name, "service-time"),
            [this](const ServerJob& job) { processed(job); }) {}

LbServer::~LbServer() {
  for (auto& [service, b] : backends_) rt_.close(b->frontend);
}

std::unique_ptr<EndpointSource> LbServer::make_source(const std::string& service) {
  const std::string entity = config_.name + "/" + service;
  if (config_.source_factory) return config_.source_factory(service, entity, config_.host);
  std::unique_ptr<EndpointSource> source;
  switch (config_.source) {
    case LbSource::poll: {
      registry::PollerConfig c = config_.poller;
      c.name = entity;
      c.service = service;
      c.endpoint_kind = config_.endpoint_kind;
      source = std::make_unique<PollSource>(rt_, config_.host, config_.registry, std::move(c));
      break;
    }
    case LbSource::watch: {
      registry::WatcherConfig c = config_.watcher;
      c.name = entity;
      c.service = service;
      c.endpoint_kind = config_.endpoint_kind;
      source = std::make_unique<WatchSource>(rt_, config_.host, config_.registry, std::move(c));
      break;
    }
    case LbSource::blocking_query: {
      registry::BlockingQueryConfig c = config_.blocking;
      c.name = entity;
      c.service = service;
      c.endpoint_kind = config_.endpoint_kind;
      source =
          std::make_unique<BlockingQuerySource>(rt_, config_.host, config_.registry, std::move(c));
      break;
    }
  }
  if (!config_.template_sync) return std::make_unique<FirstListSource>(std::move(source));
  configsync::ConfigSyncConfig sync = *config_.template_sync;
  sync.name = config_.name;
  sync.service = service;
  sync.hitless = !config_.reload_refuses;
  return std::make_unique<TemplateSource>(rt_, std::move(source), std::move(sync));
}

EndpointId LbServer::serve(const std::string& service) {
  if (auto it = backends_.find(service); it != backends_.end()) return it->second->frontend;
  auto b = std::make_unique<Backend>();
  b->service = service;
  UpstreamConfig up;
  up.name = config_.name;
  up.entity = config_.name + "/" + service;
  up.service = service;
  up.balancer = config_.balancer;
  up.active_checks = config_.active_checks;
  if (up.active_checks) up.active_checks->component = config_.endpoint_kind;
  up.outlier_detection = config_.outlier_detection;
  up.panic_threshold_percent = config_.panic_threshold_percent;
  std::unique_ptr<EndpointSource> source = make_source(service);
  b->rendered = dynamic_cast<TemplateSource*>(source.get());
  b->upstream = std::make_unique<Upstream>(rt_, config_.host, std::move(up), std::move(source));
  CallerInfo leg;
  leg.name = up.entity;
  leg.group = "lb";
  leg.host = config_.host;
  leg.target_service = service;
  leg.try_timeout = config_.try_timeout;
  leg.max_retries = config_.retries;
  TargetChooser* chooser = b->upstream.get();
  if (config_.routes) {
    b->router = std::make_unique<RouteChooser>(rt_, config_.name + "/" + service, *config_.routes,
                                               *b->upstream, config_.balancer);
    chooser = b->router.get();
  }
  if (config_.server_maxconn > 0) {
    b->slots = std::make_unique<ServerSlots>(
        rt_, ServerSlotsConfig{config_.server_maxconn, config_.queue_timeout}, *chooser,
        *b->upstream);
    chooser = b->slots.get();
  }
  b->leg = std::make_unique<RetryingCaller>(rt_, std::move(leg), *chooser,
                                            static_cast<RequestOwner*>(this));
  Backend* raw = b.get();
  b->frontend = rt_.open(config_.host, config_.endpoint_kind,
                         [this, raw](const Message& m) { on_request(*raw, m); });
  b->upstream->start();
  const EndpointId frontend = b->frontend;
  backends_.emplace(service, std::move(b));
  return frontend;
}

EndpointId LbServer::frontend(const std::string& service) const {
  auto it = backends_.find(service);
  return it == backends_.end() ? kNoEndpoint : it->second->frontend;
}

const Upstream* LbServer::upstream(const std::string& service) const {
  auto it = backends_.find(service);
  return it == backends_.end() ? nullptr : it->second->upstream.get();
}

const RouteChooser* LbServer::router(const std::string& service) const {
  auto it = backends_.find(service);
  return it == backends_.end() ? nullptr : it->second->router.get();
}

const ServerSlots* LbServer::slots(const std::string& service) const {
  auto it = backends_.find(service);
  return it == backends_.end() ? nullptr : it->second->slots.get();
}

void LbServer::on_request(Backend& backend, const Message& msg) {
  const auto* req = std::any_cast<RequestMsg>(&msg.body);
  if (req == nullptr || msg.status != DeliveryStatus::delivered) return;
  Pending p{msg.from, req->try_id, req->request, &backend};
  if (pending_.size() >= static_cast<std::size_t>(config_.connection_limit)) {
    ++overloaded_;
    rt_.observer().count("lb.overloaded");
    return answer(p, false, FailureCause::overloaded);
  }
  // A non-seamless reload: the old process no longer accepts, the new one does not yet.
  if (backend.rendered != nullptr &&
      backend.rendered->admission().action == configsync::Admission::refuse) {
    rt_.observer().count("lb.refused_during_reload");
    return answer(p, false, FailureCause::lb_down);
  }
  const std::uint64_t id = next_id_++;
  pending_.emplace(id, p);
  core_.submit({msg.from, id});
}

void LbServer::processed(const ServerJob& job) {
  auto it = pending_.find(job.id);
  if (it == pending_.end()) return;
  Request forwarded = it->second.request;
  forwarded.id = job.id;
  it->second.backend->leg->issue(forwarded);
}

void LbServer::request_finished(const Request& request, const RequestOutcome& outcome) {
  auto it = pending_.find(request.id);
  if (it == pending_.end()) return;
  const Pending p = it->second;
  pending_.erase(it);
  answer(p, outcome.ok, outcome.cause);
}

void LbServer::answer(const Pending& p, bool ok, FailureCause cause) {
  Message m{p.backend->frontend,       p.client, kResponseBytes, Plane::data,
            DeliveryStatus::delivered, {}};
  if (ok) {
    ++forwarded_;
    m.body = ResponseMsg{p.try_id};
  } else {
    ++failed_;
    m.body = RejectMsg{p.try_id, cause};
  }
  rt_.send(std::move(m));
}

void LbServer::crash() {
  core_.abort();
  for (const auto& [id, p] : pending_) {
    rt_.send(Message{p.backend->frontend, p.client, kResetBytes, Plane::data,
                     DeliveryStatus::delivered, ResetMsg{p.try_id}});
  }
  pending_.clear();
}

}  // namespace discolab

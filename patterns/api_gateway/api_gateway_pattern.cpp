#include "patterns/api_gateway/api_gateway_pattern.h"

#include <stdexcept>

#include "patterns/upstream/registry_sources.h"

namespace discolab {

namespace {
CentralLbConfig as_gateway(CentralLbConfig c) {
  c.role = "gateway";
  return c;
}
}  // namespace

ApiGatewayPattern::ApiGatewayPattern(Runtime& rt, ApiGatewayConfig config)
    : rt_(rt), config_(std::move(config)), edge_(rt, as_gateway(config_.edge)) {}

ApiGatewayPattern::~ApiGatewayPattern() { internal_.clear(); }

// The client-side plugin's source: the gateway's kind, on the caller's host, streams keyed by
// the caller's name.
std::unique_ptr<EndpointSource> ApiGatewayPattern::internal_source(const CallerInfo& info) const {
  const registry::RegistryServer* reg = edge_.registry();
  if (reg == nullptr) throw std::logic_error("api-gateway: add_caller before start()");
  const LbServerConfig& lb = config_.edge.lb;
  const std::string name = "client/" + info.name;
  switch (lb.source) {
    case LbSource::watch: {
      registry::WatcherConfig w = lb.watcher;
      w.name = name;
      w.service = info.target_service;
      return std::make_unique<WatchSource>(rt_, info.host, reg->endpoint(), std::move(w));
    }
    case LbSource::blocking_query: {
      registry::BlockingQueryConfig b = lb.blocking;
      b.name = name;
      b.service = info.target_service;
      return std::make_unique<BlockingQuerySource>(rt_, info.host, reg->endpoint(), std::move(b));
    }
    case LbSource::poll:
      break;
  }
  registry::PollerConfig p = lb.poller;
  p.name = name;
  p.service = info.target_service;
  return std::make_unique<PollSource>(rt_, info.host, reg->endpoint(), std::move(p));
}

Caller& ApiGatewayPattern::add_caller(const CallerInfo& info) {
  if (info.external) return edge_.add_caller(info);
  UpstreamConfig up;
  up.name = "client/" + info.name;
  up.entity = info.name;
  up.service = info.target_service;
  up.balancer = config_.edge.lb.balancer;
  up.active_checks = config_.internal_active_checks;
  up.outlier_detection = config_.internal_outlier_detection;
  up.panic_threshold_percent = config_.edge.lb.panic_threshold_percent;
  internal_.push_back(
      std::make_unique<UpstreamCaller>(rt_, info, std::move(up), internal_source(info)));
  return *internal_.back();
}

void ApiGatewayPattern::remove_caller(Caller& caller) {
  const std::size_t before = internal_.size();
  std::erase_if(internal_,
                [&](const std::unique_ptr<UpstreamCaller>& c) { return c.get() == &caller; });
  if (internal_.size() == before) edge_.remove_caller(caller);
}

}  // namespace discolab

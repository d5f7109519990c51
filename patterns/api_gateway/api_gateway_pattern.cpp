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

// North-south callers go to the gateway's virtual IP; east-west ones get the client-side
// plugin, built as ClientSidePattern builds its Ribbon clients.
Caller& ApiGatewayPattern::add_caller(const CallerInfo& info) {
  if (info.external) return edge_.add_caller(info);
  const registry::RegistryServer* reg = edge_.registry();
  if (reg == nullptr) throw std::logic_error("api-gateway: add_caller before start()");
  registry::PollerConfig poller = config_.internal_poller;
  poller.name = "client/" + info.name;
  poller.service = info.target_service;
  UpstreamConfig up;
  up.name = "client/" + info.name;
  up.entity = info.name;
  up.service = info.target_service;
  up.balancer = config_.edge.lb.balancer;
  up.active_checks = config_.internal_active_checks;
  up.outlier_detection = config_.internal_outlier_detection;
  up.panic_threshold_percent = config_.edge.lb.panic_threshold_percent;
  internal_.push_back(std::make_unique<UpstreamCaller>(
      rt_, info, std::move(up),
      std::make_unique<PollSource>(rt_, info.host, reg->endpoint(), std::move(poller))));
  return *internal_.back();
}

void ApiGatewayPattern::remove_caller(Caller& caller) {
  const std::size_t before = internal_.size();
  std::erase_if(internal_,
                [&](const std::unique_ptr<UpstreamCaller>& c) { return c.get() == &caller; });
  if (internal_.size() == before) edge_.remove_caller(caller);
}

}  // namespace discolab

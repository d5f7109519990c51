#include "patterns/client_side/client_side_pattern.h"

#include <stdexcept>

#include "patterns/upstream/refreshed_list_source.h"
#include "patterns/upstream/registry_sources.h"

namespace discolab {

ClientSidePattern::ClientSidePattern(Runtime& rt, ClientSideConfig config)
    : rt_(rt), config_(std::move(config)) {}

ClientSidePattern::~ClientSidePattern() = default;

void ClientSidePattern::start() {
  registry_ =
      std::make_unique<registry::RegistryServer>(rt_, config_.registry_host, config_.server);
  RegistrationSetup setup;
  setup.mode = config_.registration_mode;
  setup.self = config_.registration;
  setup.sidecar = config_.sidecar;
  setup.orchestrator = config_.orchestrator;
  setup.orchestrator_host = config_.orchestrator_host;
  registration_.emplace(rt_, registry_->endpoint(), std::move(setup));
}

void ClientSidePattern::instance_started(const InstanceInfo& info) {
  if (!registration_) throw std::logic_error("client-side: instance_started before start()");
  registration_->instance_started(info);
}

void ClientSidePattern::instance_ready(InstanceId id) { registration_->instance_ready(id); }
void ClientSidePattern::instance_stopping(InstanceId id) { registration_->instance_stopping(id); }
void ClientSidePattern::instance_crashed(InstanceId id) { registration_->instance_crashed(id); }
void ClientSidePattern::instance_gone(InstanceId id) { registration_->instance_gone(id); }

void ClientSidePattern::host_down(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->stop();
}

void ClientSidePattern::host_up(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->start();
}

void ClientSidePattern::component_down(std::string_view component) {
  if (registry_ && component == "registry") registry_->stop();
}

void ClientSidePattern::component_up(std::string_view component) {
  if (registry_ && component == "registry") registry_->start();
}

// The Ribbon client of one service: its own poller (fetching from the caller's start, then
// periodically with a random phase; requests issued before its first fetch settles wait for
// it), its own health view when configured, its own balancer.
Caller& ClientSidePattern::add_caller(const CallerInfo& info) {
  if (!registry_) throw std::logic_error("client-side: add_caller before start()");
  registry::PollerConfig poller = config_.poller;
  poller.name = "client/" + info.name;
  poller.service = info.target_service;
  UpstreamConfig up;
  up.name = poller.name;
  up.entity = info.name;
  up.service = info.target_service;
  up.balancer = config_.balancer;
  up.active_checks = config_.active_checks;
  up.outlier_detection = config_.outlier_detection;
  up.panic_threshold_percent = config_.panic_threshold_percent;
  std::unique_ptr<EndpointSource> source =
      std::make_unique<PollSource>(rt_, info.host, registry_->endpoint(), std::move(poller));
  if (config_.list_refresh_interval > Duration::zero()) {
    source = std::make_unique<RefreshedListSource>(
        rt_, std::move(source),
        RefreshedListConfig{up.name, info.target_service, info.name,
                            config_.list_refresh_interval});
  }
  callers_.push_back(std::make_unique<UpstreamCaller>(rt_, info, std::move(up), std::move(source)));
  return *callers_.back();
}

void ClientSidePattern::remove_caller(Caller& caller) {
  std::erase_if(callers_,
                [&](const std::unique_ptr<UpstreamCaller>& c) { return c.get() == &caller; });
}

}  // namespace discolab

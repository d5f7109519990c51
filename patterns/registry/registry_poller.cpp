#include "patterns/registry/registry_poller.h"

namespace discolab::registry {

RegistryPoller::RegistryPoller(Runtime& runtime, HostId host, EndpointId registry,
                               PollerConfig config, UpdateCallback on_update)
    : RegistryConsumer(runtime, host, registry, config, std::move(on_update)),
      config_(std::move(config)),
      jitter_(runtime.random(config_.name, "poll-jitter")),
      phase_(runtime.random(config_.name, "poll-phase")) {}

void RegistryPoller::start() {
  if (timer_ != kNoTimer) return;
  if (!config_.random_phase) {
    timer_ = rt_.schedule(config_.initial_delay, [this] { tick(); });
    return;
  }
  first_ = rt_.schedule(config_.initial_delay, [this] {
    first_ = kNoTimer;
    if (in_flight_ == 0) fetch();
  });
  const Duration phase = from_seconds(phase_.uniform(0.0, to_seconds(config_.interval)));
  timer_ = rt_.schedule(config_.initial_delay + phase, [this] { tick(); });
}

void RegistryPoller::stop() {
  rt_.cancel(timer_);
  rt_.cancel(first_);
  timer_ = first_ = kNoTimer;
  rpc_.cancel_all();
  in_flight_ = 0;
}

void RegistryPoller::tick() {
  timer_ = rt_.schedule(jitter_.jittered(config_.interval, config_.jitter), [this] { tick(); });
  if (in_flight_ == 0) fetch();
}

void RegistryPoller::fetch() {
  FetchRequest req;
  req.service = config_.fetch_all_services ? std::string() : config_.service;
  req.since_index = config_.delta ? view_.index() : 0;
  ++fetches_;
  in_flight_ = rpc_.call(std::move(req), config_.sizes.header_bytes, config_.request_timeout,
                         [this](const RegistryReply* r) {
                           in_flight_ = 0;
                           if (r == nullptr || !r->update) {
                             count_error("registry.fetch_errors");
                           } else {
                             view_.apply(*r->update);
                           }
                           settle();
                         });
}

void RegistryPoller::when_settled(std::function<void()> callback) {
  if (settled_) {
    if (callback) callback();
    return;
  }
  on_settled_ = std::move(callback);
}

void RegistryPoller::settle() {
  if (settled_) return;
  settled_ = true;
  if (auto callback = std::move(on_settled_)) {
    on_settled_ = nullptr;
    callback();
  }
}

}  // namespace discolab::registry

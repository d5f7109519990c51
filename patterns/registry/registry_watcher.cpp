#include "patterns/registry/registry_watcher.h"

namespace discolab::registry {

RegistryWatcher::RegistryWatcher(Runtime& runtime, HostId host, EndpointId registry,
                                 WatcherConfig config, UpdateCallback on_update)
    : RegistryConsumer(runtime, host, registry, config, std::move(on_update),
                       [this](const Message& m) { on_message(m); }),
      config_(std::move(config)) {}

RegistryWatcher::~RegistryWatcher() {
  rt_.cancel(retry_timer_);
  rt_.cancel(liveness_timer_);
}

void RegistryWatcher::start() {
  if (running_) return;
  running_ = true;
  subscribe();
}

void RegistryWatcher::stop() {
  if (!running_) return;
  running_ = false;
  rt_.cancel(retry_timer_);
  rt_.cancel(liveness_timer_);
  retry_timer_ = liveness_timer_ = kNoTimer;
  rpc_.cancel_all();
  if (subscription_ != 0) {
    rpc_.post(WatchRequest{0, config_.service, 0, false}, config_.sizes.header_bytes);
  }
  subscription_ = 0;
}

void RegistryWatcher::subscribe() {
  retry_timer_ = kNoTimer;
  subscription_ = 0;
  WatchRequest req{0, config_.service, view_.index(), true};
  rpc_.call(std::move(req), config_.sizes.header_bytes, config_.request_timeout,
            [this](const RegistryReply* r) {
              if (r == nullptr || !r->update) return failed();
              subscription_ = r->request_id;
              view_.apply(*r->update);
              arm_liveness();
            });
}

void RegistryWatcher::failed() {
  count_error("registry.watch_errors");
  subscription_ = 0;
  rt_.cancel(liveness_timer_);
  liveness_timer_ = kNoTimer;
  retry_timer_ = rt_.schedule(config_.retry_interval, [this] { subscribe(); });
}

void RegistryWatcher::arm_liveness() {
  rt_.cancel(liveness_timer_);
  liveness_timer_ = kNoTimer;
  if (config_.stream_timeout <= Duration::zero()) return;
  liveness_timer_ = rt_.schedule(config_.stream_timeout, [this] {
    liveness_timer_ = kNoTimer;
    // Silent for too long: assume the stream is broken and resume from our index.
    count_error("registry.watch_errors");
    subscribe();
  });
}

void RegistryWatcher::on_message(const Message& msg) {
  const auto* ev = std::any_cast<WatchEvent>(&msg.body);
  if (ev == nullptr || subscription_ == 0 || ev->request_id != subscription_) return;
  if (ev->update) view_.apply(*ev->update);
  arm_liveness();
}

}  // namespace discolab::registry

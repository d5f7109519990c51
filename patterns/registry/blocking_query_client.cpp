#include "patterns/registry/blocking_query_client.h"

#include <algorithm>

namespace discolab::registry {

BlockingQueryClient::BlockingQueryClient(Runtime& runtime, HostId host, EndpointId registry,
                                         BlockingQueryConfig config, UpdateCallback on_update)
    : RegistryConsumer(runtime, host, registry, config, std::move(on_update)),
      config_(std::move(config)) {}

BlockingQueryClient::~BlockingQueryClient() { rt_.cancel(timer_); }

void BlockingQueryClient::start() {
  if (running_) return;
  running_ = true;
  query();
}

void BlockingQueryClient::stop() {
  running_ = false;
  rt_.cancel(timer_);
  timer_ = kNoTimer;
  rpc_.cancel_all();
}

void BlockingQueryClient::after(Duration delay) {
  timer_ = rt_.schedule(delay, [this] {
    timer_ = kNoTimer;
    query();
  });
}

void BlockingQueryClient::query() {
  ++queries_;
  const Duration timeout = config_.wait + config_.wait / 16 + config_.request_timeout;
  BlockingQueryRequest req{0, config_.service, view_.index(), config_.wait};
  rpc_.call(std::move(req), config_.sizes.header_bytes, timeout, [this](const RegistryReply* r) {
    if (r == nullptr || !r->update) {
      count_error("registry.query_errors");
      backoff_ = backoff_ == Duration::zero() ? config_.retry_backoff
                                              : std::min(2 * backoff_, config_.max_retry_backoff);
      return after(backoff_);
    }
    backoff_ = Duration::zero();
    const bool went_back = r->index < view_.index();
    view_.apply(*r->update, r->index);  // a blocking answer's cursor is the service's index
    if (went_back) view_.reset_index();
    after(config_.min_interval);
  });
}

}  // namespace discolab::registry

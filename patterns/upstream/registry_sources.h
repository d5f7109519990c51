// EndpointSource adapters over the registry's consumers (patterns/registry).
//
// - PollSource: RegistryPoller (Eureka fetch, Ribbon refresh). Pull: pending until its first
//   fetch is answered or fails, so requests issued before wait for the initial list.
// - WatchSource: RegistryWatcher (etcd watch, informers). Push: never pending.
// - BlockingQuerySource: BlockingQueryClient (Consul blocking query). Push: never pending.
// The consumer (its endpoint, its random streams keyed by config.name, its view) is created at
// start(), not at construction: a client begins discovering when it starts. answered() is
// "index > 0": an answer at index 0 (a registry that never changed) tells nothing.
#pragma once

#include <memory>

#include "patterns/registry/blocking_query_client.h"
#include "patterns/registry/registry_poller.h"
#include "patterns/registry/registry_watcher.h"
#include "patterns/upstream/endpoint_source.h"

namespace discolab {

template <class Consumer, class Config>
class RegistrySource final : public EndpointSource {
 public:
  RegistrySource(Runtime& rt, HostId host, EndpointId registry, Config config)
      : rt_(rt), host_(host), registry_(registry), config_(std::move(config)) {}

  void start(SourceListener& listener, SourceView view) override;
  void stop() override {
    if (consumer_) consumer_->stop();
  }

  bool pending() const override;
  bool answered() const override { return consumer_ && consumer_->index() != 0; }
  std::uint64_t errors() const override { return consumer_ ? consumer_->errors() : 0; }
  const EndpointListPtr& endpoints() const override {
    return consumer_ ? consumer_->endpoints() : empty_;
  }

  const Consumer* consumer() const { return consumer_.get(); }

 private:
  Runtime& rt_;
  HostId host_;
  EndpointId registry_;
  Config config_;
  std::unique_ptr<Consumer> consumer_;
  EndpointListPtr empty_ = std::make_shared<const EndpointList>();
};

using PollSource = RegistrySource<registry::RegistryPoller, registry::PollerConfig>;
using WatchSource = RegistrySource<registry::RegistryWatcher, registry::WatcherConfig>;
using BlockingQuerySource =
    RegistrySource<registry::BlockingQueryClient, registry::BlockingQueryConfig>;

extern template class RegistrySource<registry::RegistryPoller, registry::PollerConfig>;
extern template class RegistrySource<registry::RegistryWatcher, registry::WatcherConfig>;
extern template class RegistrySource<registry::BlockingQueryClient, registry::BlockingQueryConfig>;

}  // namespace discolab

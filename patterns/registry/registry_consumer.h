// What the registry's consumers (poller, watcher, blocking query) have in common: an endpoint
// to the registry, the service view they keep, and their error count.
//
// Parameters shared by all of them (ConsumerConfig): `name` is the component the view is
// reported under (e.g. "client/users-3"), `service` the service kept; request_timeout bounds
// each request (5 s: assumed, a client's connect timeout); `endpoint_kind` names the endpoint
// for cost accounting; `sizes` must match the server's. `report_view` false: the kept list is
// not reported as a view (its holder reports another one: service_view.h).
#pragma once

#include <string>
#include <string_view>

#include "patterns/registry/registry_rpc.h"
#include "patterns/registry/service_view.h"

namespace discolab::registry {

struct ConsumerConfig {
  std::string name;
  std::string service;
  Duration request_timeout = std::chrono::seconds(5);
  std::string endpoint_kind = "client";
  WireSizes sizes{};
  bool report_view = true;
};

class RegistryConsumer {
 public:
  RegistryConsumer(const RegistryConsumer&) = delete;
  RegistryConsumer& operator=(const RegistryConsumer&) = delete;

  const EndpointListPtr& endpoints() const { return view_.endpoints(); }
  std::uint64_t index() const { return view_.index(); }
  std::uint64_t errors() const { return errors_; }

 protected:
  RegistryConsumer(Runtime& runtime, HostId host, EndpointId registry, const ConsumerConfig& config,
                   UpdateCallback on_update, MessageHandler other = nullptr)
      : rt_(runtime),
        rpc_(runtime, host, config.endpoint_kind, registry, std::move(other)),
        view_(runtime, config.name, config.service, std::move(on_update), config.report_view) {}
  ~RegistryConsumer() = default;

  // A request failed or a stream went silent: counted, the last list is kept.
  void count_error(std::string_view counter);

  Runtime& rt_;
  RegistryRpc rpc_;
  ServiceView view_;
  std::uint64_t errors_ = 0;
};

}  // namespace discolab::registry

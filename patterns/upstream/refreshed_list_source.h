// An endpoint source whose holder sees the inner source's list only at its own refresh ticks:
// Ribbon's load balancer over the Eureka client. The Eureka client fetches the registry into
// its local cache (the inner source); Ribbon's DynamicServerListLoadBalancer copies that cache
// into its own server list once when it is built and then every ServerListRefreshInterval
// (PollingServerListUpdater: LISTOFSERVERS_CACHE_REPEAT_INTERVAL = 30 s, first after 1 s;
// github:Netflix/ribbon@2a55b5da ribbon-loadbalancer/.../PollingServerListUpdater.java:26-27).
// So a change waits for the fetch and then for the next copy: the two intervals add up.
//
// Contract (endpoint_source.h): the first list the inner source answers is copied at once
// (Ribbon's initial updateListOfServers); from then on a copy every `interval`, the first at a
// random phase in (0, interval] drawn from (entity, "list-refresh") (independent processes,
// docs/architecture.md decision 6). A copy that changes nothing reports nothing. pending() is
// the inner source's (it settles with its first answer, which is copied then); answered() and
// errors() are the inner's; endpoints() is the copied list. The inner source is always silent;
// with SourceView::report the copied list is reported as the view (`name`, `service`).
#pragma once

#include <memory>
#include <string>

#include "patterns/core/runtime.h"
#include "patterns/upstream/endpoint_source.h"

namespace discolab {

struct RefreshedListConfig {
  std::string name;     // the view's component, e.g. "client/users-3"
  std::string service;  // the service whose list it holds
  std::string entity;   // random stream key of the holder's process
  Duration interval = std::chrono::seconds(30);
};

class RefreshedListSource final : public EndpointSource, private SourceListener {
 public:
  RefreshedListSource(Runtime& rt, std::unique_ptr<EndpointSource> inner,
                      RefreshedListConfig config);
  ~RefreshedListSource() override;
  RefreshedListSource(const RefreshedListSource&) = delete;
  RefreshedListSource& operator=(const RefreshedListSource&) = delete;

  void start(SourceListener& listener, SourceView view) override;
  void stop() override;

  bool pending() const override { return inner_->pending(); }
  bool answered() const override { return inner_->answered(); }
  std::uint64_t errors() const override { return inner_->errors(); }
  const EndpointListPtr& endpoints() const override { return copied_; }

  std::uint64_t copies() const { return copies_; }

 private:
  void endpoints_changed(const EndpointListPtr& list) override;
  void settled() override;
  void copy();
  void arm(Duration delay);

  Runtime& rt_;
  std::unique_ptr<EndpointSource> inner_;
  RefreshedListConfig config_;
  RandomStream phase_;
  SourceListener* listener_ = nullptr;
  EndpointListPtr latest_;
  EndpointListPtr copied_;
  bool first_copied_ = false;
  bool view_open_ = false;
  ViewId view_{};
  TimerId timer_ = kNoTimer;
  std::uint64_t copies_ = 0;
};

}  // namespace discolab

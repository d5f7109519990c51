// An endpoint source whose list goes through a configuration render + reload: consul-template
// (or confd) rendering HAProxy's or NGINX's backend list from the registry and reloading it.
//
// The inner source (a watch, blocking query or poll on the registry) feeds
// configsync::ConfigSync; the source's holder (an Upstream) hears endpoints_changed only when a
// reload has taken effect (ConfigSync's quiescence, render and reload timing). Until then the
// old configuration serves (HAProxy's old process keeps the old backends).
//
// Contract (endpoint_source.h): pending until the first reload has taken effect (consul-template
// renders once before it starts HAProxy: requests wait for that first configuration), then
// settled() once; answered() and errors() are the inner source's; endpoints() is the applied
// list. The view: the inner source is always silent; with SourceView::report the
// applied list is reported as the view `sync.name` (ConfigSync's view), else nothing.
// admission() says what a new connection meets now (a reload that refuses new connections).
#pragma once

#include <memory>
#include <optional>

#include "patterns/configsync/config_sync.h"
#include "patterns/upstream/endpoint_source.h"

namespace discolab {

class TemplateSource final : public EndpointSource,
                             private SourceListener,
                             private configsync::ReloadTarget {
 public:
  // `sync.name` is the view's component (reported only when started with SourceView::report).
  TemplateSource(Runtime& rt, std::unique_ptr<EndpointSource> inner,
                 configsync::ConfigSyncConfig sync);
  ~TemplateSource() override;

  void start(SourceListener& listener, SourceView view) override;
  void stop() override { inner_->stop(); }

  bool pending() const override { return !applied_once_; }
  bool answered() const override { return inner_->answered(); }
  std::uint64_t errors() const override { return inner_->errors(); }
  const EndpointListPtr& endpoints() const override { return applied_; }

  configsync::AdmissionDecision admission() const;
  const configsync::ConfigSync* sync() const { return sync_ ? &*sync_ : nullptr; }

 private:
  void endpoints_changed(const EndpointListPtr& list) override;
  void settled() override {}
  void begin_reload(SimTime ends_at, bool hitless) override;
  void apply(EndpointListPtr backends) override;

  Runtime& rt_;
  std::unique_ptr<EndpointSource> inner_;
  configsync::ConfigSyncConfig config_;
  std::optional<configsync::ConfigSync> sync_;
  SourceListener* listener_ = nullptr;
  EndpointListPtr applied_;
  bool applied_once_ = false;
};

}  // namespace discolab

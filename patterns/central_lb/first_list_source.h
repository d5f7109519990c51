// A source that is pending until its inner source's first list: a load balancer does not serve
// a service before its first configuration is in place (consul-template renders once before it
// starts HAProxy; Marathon-LB writes its first config before the first reload), so requests
// that arrive earlier wait for it rather than fail with no_endpoint.
//
// Contract (endpoint_source.h): pending() until the inner source's first endpoints_changed
// (sent after its first answer, even an empty one); then settled() once. Everything else is
// the inner source's, and the inner source reports the view as asked.
#pragma once

#include <memory>

#include "patterns/upstream/endpoint_source.h"

namespace discolab {

class FirstListSource final : public EndpointSource, private SourceListener {
 public:
  explicit FirstListSource(std::unique_ptr<EndpointSource> inner) : inner_(std::move(inner)) {}

  void start(SourceListener& listener, SourceView view) override {
    listener_ = &listener;
    inner_->start(*this, view);
  }
  void stop() override { inner_->stop(); }
  bool pending() const override { return !heard_ || inner_->pending(); }
  bool answered() const override { return inner_->answered(); }
  std::uint64_t errors() const override { return inner_->errors(); }
  const EndpointListPtr& endpoints() const override { return inner_->endpoints(); }

 private:
  void endpoints_changed(const EndpointListPtr& list) override {
    const bool first = !heard_;
    heard_ = true;
    listener_->endpoints_changed(list);
    if (first && !inner_->pending()) listener_->settled();
  }
  void settled() override {
    if (heard_) listener_->settled();
  }

  std::unique_ptr<EndpointSource> inner_;
  SourceListener* listener_ = nullptr;
  bool heard_ = false;
};

}  // namespace discolab

// A client library: an Upstream and the RetryingCaller that uses it as its chooser, as one
// Caller (patterns/core/pattern.h). start() starts the upstream's discovery; issue() starts a
// request, whose first try waits while the upstream's source is pending.
#pragma once

#include <memory>

#include "patterns/caller/retrying_caller.h"
#include "patterns/upstream/upstream.h"

namespace discolab {

class UpstreamCaller final : public Caller {
 public:
  UpstreamCaller(Runtime& rt, const CallerInfo& info, UpstreamConfig config,
                 std::unique_ptr<EndpointSource> source)
      : upstream_(rt, info.host, std::move(config), std::move(source)),
        caller_(rt, info, upstream_) {}

  void start() override { upstream_.start(); }
  void issue(const Request& request) override { caller_.issue(request); }

  Upstream& upstream() { return upstream_; }
  const RetryingCaller& caller() const { return caller_; }

 private:
  Upstream upstream_;
  RetryingCaller caller_;
};

}  // namespace discolab

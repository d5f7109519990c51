// Random: each pick an endpoint drawn uniformly from the list, independently of load.
//
// Models Envoy's RANDOM and HAProxy's "random(1)" (HAProxy's default `random` draws 2: that is
// least_request with choice_count 2). Weights are ignored. Draws come from the caller's
// PickContext::random stream. Parameters: none.
#pragma once

#include "patterns/balancing/balancer.h"

namespace discolab {

class RandomBalancer final : public Balancer {
 public:
  std::string_view name() const override { return "random"; }

 protected:
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;
};

}  // namespace discolab

// Endpoint lists for balancer tests: instance ids 0..n-1 (or given), addresses 1000 + id.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "patterns/core/endpoint.h"

namespace discolab::testing {

inline EndpointListPtr endpoints_with_weights(const std::vector<std::uint32_t>& weights) {
  auto list = std::make_shared<EndpointList>();
  for (std::uint32_t i = 0; i < weights.size(); ++i) {
    list->push_back(ServiceEndpoint{i, 1000 + i, i % 7, weights[i], 0});
  }
  return list;
}

inline EndpointListPtr endpoints(std::uint32_t n) {
  return endpoints_with_weights(std::vector<std::uint32_t>(n, 1));
}

// The list without the endpoint of instance `gone`.
inline EndpointListPtr without(const EndpointListPtr& list, InstanceId gone) {
  auto out = std::make_shared<EndpointList>();
  for (const auto& e : *list) {
    if (e.instance != gone) out->push_back(e);
  }
  return out;
}

}  // namespace discolab::testing

// What discovery hands to the data plane: the usable endpoints of one service.
//
// Registries produce these lists, balancers build pickers from them, DNS turns them into
// records, proxies and gateways keep tables of them. A list is sorted by instance id and
// shared immutable (EndpointListPtr) so that one update can go to many holders cheaply.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "patterns/core/ids.h"

namespace discolab {

struct ServiceEndpoint {
  InstanceId instance = kNoInstance;
  EndpointId address = kNoEndpoint;  // where requests go
  HostId host = kNoHost;
  std::uint32_t weight = 1;
  std::uint32_t zone = 0;  // index of the zone/rack, for zone-aware policies
  std::string version{};   // the instance's version label (e.g. "v2"), for version routing

  friend bool operator==(const ServiceEndpoint&, const ServiceEndpoint&) = default;
};

using EndpointList = std::vector<ServiceEndpoint>;
using EndpointListPtr = std::shared_ptr<const EndpointList>;

// The instance ids of a list, in its (ascending) order: what a view reports to the observer.
inline std::vector<InstanceId> instance_ids(std::span<const ServiceEndpoint> list) {
  std::vector<InstanceId> ids;
  ids.reserve(list.size());
  for (const auto& e : list) ids.push_back(e.instance);
  return ids;
}

}  // namespace discolab

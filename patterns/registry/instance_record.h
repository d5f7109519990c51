// What a registry stores about one instance: identity, where it listens, and its metadata.
//
// A record is immutable once registered (shared as std::shared_ptr<const InstanceRecord>);
// a re-registration with different content replaces it and bumps the catalog's index. The
// record is what a full fetch or a delta carries over the wire (see protocol.h for its size).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "patterns/core/endpoint.h"
#include "patterns/core/ids.h"
#include "patterns/core/pattern.h"

namespace discolab::registry {

// Eureka's statuses reduced to what changes routing: only `up` instances are served to
// consumers; `down` (failed a check, out of service) stays in the catalog but is not routed.
enum class InstanceStatus : std::uint8_t { up, down };

struct InstanceRecord {
  InstanceId id = kNoInstance;
  std::string service;
  std::string name;  // e.g. "web-7"
  EndpointId endpoint = kNoEndpoint;
  HostId host = kNoHost;
  std::string zone;
  std::uint32_t zone_index = 0;  // the zone as an index, for zone-aware balancers
  std::string version;
  std::uint32_t weight = 1;
  std::map<std::string, std::string> labels;  // ordered: deterministic rendering
  InstanceStatus status = InstanceStatus::up;

  friend bool operator==(const InstanceRecord&, const InstanceRecord&) = default;
};

using RecordPtr = std::shared_ptr<const InstanceRecord>;

// The record of a container as the cluster describes it; `zone_index` is the scenario's
// numbering of `info.zone` (the registry does not invent one).
inline InstanceRecord record_from(const InstanceInfo& info, std::uint32_t zone_index = 0) {
  InstanceRecord r;
  r.id = info.id;
  r.service = info.service;
  r.name = info.name;
  r.endpoint = info.endpoint;
  r.host = info.host;
  r.zone = info.zone;
  r.zone_index = zone_index;
  r.version = info.version;
  r.weight = info.weight;
  return r;
}

inline ServiceEndpoint to_endpoint(const InstanceRecord& r) {
  return ServiceEndpoint{r.id, r.endpoint, r.host, r.weight, r.zone_index, r.version};
}

}  // namespace discolab::registry

// Identifiers shared by the runtime, the patterns and the simulator.
//
// Hosts and endpoints are numbered by the engine; instances (one container incarnation each,
// never reused) by the cluster. Services are named by strings in pattern-facing APIs, as
// real registries and DNS name them.
#pragma once

#include <cstdint>
#include <limits>

namespace discolab {

using HostId = std::uint32_t;
using EndpointId = std::uint32_t;
using InstanceId = std::uint32_t;
using TimerId = std::uint64_t;
using ViewId = std::uint32_t;

inline constexpr HostId kNoHost = std::numeric_limits<HostId>::max();
inline constexpr EndpointId kNoEndpoint = std::numeric_limits<EndpointId>::max();
inline constexpr InstanceId kNoInstance = std::numeric_limits<InstanceId>::max();
inline constexpr TimerId kNoTimer = 0;

}  // namespace discolab

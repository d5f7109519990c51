// The spellings of every closed set of names a scenario file uses: patterns, engines,
// topologies, service-time distributions, balancers, registration and propagation modes. This is
// the one place they are listed; the schema, the docs, the CLI's --pattern/--engine and the writer
// all read them from here.
//
// Values are written in lower case with dashes ("leaf-spine", "round-robin"); keys use the
// underscores of the C++ field names.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"

namespace discolab {

// The five discovery patterns (docs/architecture.md), in the order the docs present them.
inline constexpr std::array<std::string_view, 5> kPatternNames{"client-side", "dns", "central-lb",
                                                               "per-host-proxy", "api-gateway"};
inline constexpr std::array<std::string_view, 2> kEngineNames{"fast", "simgrid"};

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

inline constexpr std::array<EnumName<Topology>, 3> kTopologyNames{{
    {Topology::star, "star"},
    {Topology::leaf_spine, "leaf-spine"},
    {Topology::file, "file"},
}};

inline constexpr std::array<EnumName<ServiceTimeDistribution>, 3> kServiceTimeDistributionNames{{
    {ServiceTimeDistribution::exponential, "exponential"},
    {ServiceTimeDistribution::constant, "constant"},
    {ServiceTimeDistribution::lognormal, "lognormal"},
}};

inline constexpr std::array<EnumName<BalancerKind>, kBalancerKindCount> kBalancerNames{{
    {BalancerKind::round_robin, "round-robin"},
    {BalancerKind::random, "random"},
    {BalancerKind::least_request, "least-request"},
    {BalancerKind::least_conn, "least-conn"},
    {BalancerKind::peak_ewma, "peak-ewma"},
    {BalancerKind::ring_hash, "ring-hash"},
    {BalancerKind::maglev, "maglev"},
    {BalancerKind::weighted_round_robin, "weighted-round-robin"},
    {BalancerKind::dns_rotated, "dns-rotated"},
}};

inline constexpr std::array<EnumName<RegistrationMode>, 3> kRegistrationModeNames{{
    {RegistrationMode::self, "self"},
    {RegistrationMode::sidecar, "sidecar"},
    {RegistrationMode::orchestrator, "orchestrator"},
}};

inline constexpr std::array<EnumName<PropagationMode>, 3> kPropagationModeNames{{
    {PropagationMode::poll, "poll"},
    {PropagationMode::watch, "watch"},
    {PropagationMode::blocking_query, "blocking-query"},
}};

inline constexpr std::array<EnumName<LbSyncMode>, 2> kLbSyncModeNames{{
    {LbSyncMode::direct, "direct"},
    {LbSyncMode::template_file, "template"},
}};

inline constexpr std::array<EnumName<ComponentRole>, 4> kComponentRoleNames{{
    {ComponentRole::registry, "registry"},
    {ComponentRole::load_balancer, "load-balancer"},
    {ComponentRole::gateway, "gateway"},
    {ComponentRole::dns_server, "dns-server"},
}};

inline constexpr std::array<EnumName<CallMode>, 2> kCallModeNames{{
    {CallMode::sequential, "sequential"},
    {CallMode::parallel, "parallel"},
}};

inline constexpr std::array<EnumName<CallFailure>, 2> kCallFailureNames{{
    {CallFailure::fail, "fail"},
    {CallFailure::degrade, "degrade"},
}};

inline constexpr std::array<EnumName<DnsClientCache>, 3> kDnsClientCacheNames{{
    {DnsClientCache::none, "none"},
    {DnsClientCache::jvm, "jvm"},
    {DnsClientCache::ttl, "ttl"},
}};

// The table of an enum type, so templates can find it.
inline constexpr const auto& enum_names(Topology) { return kTopologyNames; }
inline constexpr const auto& enum_names(ServiceTimeDistribution) {
  return kServiceTimeDistributionNames;
}
inline constexpr const auto& enum_names(BalancerKind) { return kBalancerNames; }
inline constexpr const auto& enum_names(RegistrationMode) { return kRegistrationModeNames; }
inline constexpr const auto& enum_names(PropagationMode) { return kPropagationModeNames; }
inline constexpr const auto& enum_names(ComponentRole) { return kComponentRoleNames; }
inline constexpr const auto& enum_names(CallMode) { return kCallModeNames; }
inline constexpr const auto& enum_names(CallFailure) { return kCallFailureNames; }
inline constexpr const auto& enum_names(DnsClientCache) { return kDnsClientCacheNames; }
inline constexpr const auto& enum_names(LbSyncMode) { return kLbSyncModeNames; }

inline constexpr std::array<EnumName<GatewayUpstreams>, 2> kGatewayUpstreamsNames{{
    {GatewayUpstreams::registry, "registry"},
    {GatewayUpstreams::dns, "dns"},
}};
inline constexpr const auto& enum_names(GatewayUpstreams) { return kGatewayUpstreamsNames; }

template <class E>
std::string_view to_string(E value) requires requires {
  enum_names(value);
}
{
  for (const auto& entry : enum_names(value))
    if (entry.value == value) return entry.name;
  return "?";
}

template <class E>
std::optional<E> enum_from_string(std::string_view name) {
  for (const auto& entry : enum_names(E{}))
    if (entry.name == name) return entry.value;
  return std::nullopt;
}

template <class E>
std::vector<std::string> enum_name_list() {
  std::vector<std::string> names;
  for (const auto& entry : enum_names(E{})) names.emplace_back(entry.name);
  return names;
}

template <std::size_t N>
std::vector<std::string> name_list(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

}  // namespace discolab

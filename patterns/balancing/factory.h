// One entry point for scenarios and patterns: a balancer from a policy kind and its settings.
//
// Kinds and their real counterparts: round_robin (Envoy/gRPC default), random, weighted
// round robin (NGINX/HAProxy default with weights), least_request (Envoy LEAST_REQUEST, P2C),
// least_conn (HAProxy leastconn: fewest in flight over all endpoints, JSQ), peak_ewma
// (Linkerd 2), ring_hash (Envoy RING_HASH), maglev (Envoy MAGLEV), dns_rotated
// (a client taking the first record of a cyclically rotated DNS answer).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "patterns/balancing/balancer.h"
#include "patterns/balancing/balancer_kind.h"
#include "patterns/balancing/least_request.h"
#include "patterns/balancing/maglev.h"
#include "patterns/balancing/peak_ewma.h"
#include "patterns/balancing/ring_hash.h"

namespace discolab {

// The name used in scenario files ("least-request", as sim/scenario/enum_names.h spells it);
// parse_balancer_kind inverts it. Balancer::name() returns the same.
std::string_view to_string(BalancerKind kind);
std::optional<BalancerKind> parse_balancer_kind(std::string_view name);

struct BalancerConfig {
  BalancerKind kind = BalancerKind::round_robin;
  LeastRequestConfig least_request;
  PeakEwmaConfig peak_ewma;
  RingHashConfig ring_hash;
  MaglevConfig maglev;
};

// `setup` is the balancer's own stream for choices made at update time (round robin's start);
// per-pick randomness comes from PickContext::random. `clock` is required for peak_ewma only.
// Throws std::invalid_argument on a bad setting (a non-prime Maglev table, no clock …).
std::unique_ptr<Balancer> make_balancer(const BalancerConfig& config, RandomStream setup,
                                        Clock clock = {});

}  // namespace discolab

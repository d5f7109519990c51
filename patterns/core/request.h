// A request as the data plane carries it, from the user-facing caller through any
// intermediary (LB, proxy, gateway) to an instance.
//
// `id` names it in outcomes; `hash_key` is what consistent-hashing balancers (ring hash,
// Maglev) hash, so requests of one user or session land on one instance; `route` is the
// request's route (path, host, version) as an index into the run's route table, for L7
// intermediaries; `origin` is the tag of the user-facing caller that issued it, so that an
// intermediary's tries are counted for that caller's client group (stale routes).
#pragma once

#include <cstdint>

#include "patterns/core/observer.h"

namespace discolab {

using RouteId = std::uint32_t;

struct Request {
  std::uint64_t id = 0;
  std::uint64_t hash_key = 0;
  RouteId route = 0;     // 0: the target service's default route
  CallerTag origin = 0;  // 0 until the first RetryingCaller sets its own tag

  friend bool operator==(const Request&, const Request&) = default;
};

}  // namespace discolab

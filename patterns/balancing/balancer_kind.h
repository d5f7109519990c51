// The balancing policies, by name only: what configuration (scenario files) needs to know
// without pulling in the policies themselves. factory.h builds them.
#pragma once

#include <cstdint>

namespace discolab {

enum class BalancerKind : std::uint8_t {
  round_robin,
  random,
  weighted_round_robin,
  least_request,
  peak_ewma,
  ring_hash,
  maglev,
  dns_rotated,
  least_conn,
};
inline constexpr int kBalancerKindCount = 9;

}  // namespace discolab

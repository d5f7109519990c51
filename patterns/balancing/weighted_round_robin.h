// Weighted round robin: over one cycle of sum(weight) picks (weights divided by their gcd),
// each endpoint is picked exactly `weight` times.
//
// Models NGINX's default weighted round robin, HAProxy's `roundrobin` and Envoy's weighted
// ROUND_ROBIN in their long-run shares. The order is the interleaved WRR of LVS/IPVS
// (`wrr`): the cycle runs rounds with a threshold falling from the largest weight to 1, and
// each round visits, in list order, the endpoints whose weight reaches the threshold. Sorting
// endpoints by weight once per update makes every pick O(1) (a cursor over rounds), where the
// smooth WRR of NGINX costs O(n) per pick and EDF O(log n). Heavy endpoints come in runs at
// the start of a cycle when weights are very unequal ({5,1,1} gives A A A A A B C; NGINX's
// smooth WRR would give A A B A C A A); shares over a cycle are exact either way.
// The cycle starts at a random point after each update, like round robin.
// Parameters: ServiceEndpoint::weight (dimensionless, >= 1; 0 counts as 1).
#pragma once

#include <cstdint>

#include "patterns/balancing/balancer.h"

namespace discolab {

class WeightedRoundRobinBalancer final : public Balancer {
 public:
  // `setup` draws the starting point in the cycle at each update.
  explicit WeightedRoundRobinBalancer(RandomStream setup) : setup_(setup) {}
  std::string_view name() const override { return "weighted-round-robin"; }

  // Where the next pick stands in the cycle: the level (a run of rounds visiting the same
  // number of endpoints), rounds left at that level, and the position within the round.
  struct Cursor {
    std::uint32_t level = 0;
    std::uint64_t rounds_left = 0;
    std::uint32_t position = 0;
  };

 protected:
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;

 private:
  RandomStream setup_;
  Cursor cursor_;
};

}  // namespace discolab

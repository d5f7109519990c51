// Maglev consistent hashing: a lookup table of M entries (M prime) filled from one
// permutation per endpoint; a key goes to the entry its hash selects.
//
// Models Envoy's MAGLEV (table_size default 65537) after Eisenbud et al., "Maglev" (NSDI 2016).
// Endpoint i's permutation is offset_i + j·skip_i (mod M), offset and skip hashed from its
// instance id; endpoints take turns claiming their next free preferred entry until the table
// is full, so each holds about M/n entries and when one leaves little more than its 1/n of
// keys move. Weights: each turn an endpoint earns weight/max_weight of a claim (Envoy
// scales turns by normalised weight the same way). A pick is one table read: O(1).
// The table should be much larger than n (the paper: M > 100·n) for even shares.
// Parameters: table_size (entries, prime; Envoy 65537); weights (>= 1).
#pragma once

#include <cstdint>

#include "patterns/balancing/balancer.h"

namespace discolab {

struct MaglevConfig {
  std::uint32_t table_size = 65537;  // Envoy maglev.table_size; must be prime
};

class MaglevBalancer final : public Balancer {
 public:
  explicit MaglevBalancer(MaglevConfig config = {});  // throws if table_size is not prime
  std::string_view name() const override { return "maglev"; }

 protected:
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;

 private:
  MaglevConfig config_;
};

}  // namespace discolab

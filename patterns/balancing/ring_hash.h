// Ring hash (Karger's consistent hashing): each endpoint owns points on a 64-bit ring, a key
// goes to the owner of the first point at or after the key's hash.
//
// Models Envoy's RING_HASH (Ketama-style, as NGINX's `hash … consistent`). When one of n
// endpoints leaves, only the keys it owned (about 1/n) move. Points are sized as Envoy does:
// with normalised weights w_i / W and the smallest of them m, the ring has
//   scale = min(ceil(m · min_ring_size) / m, max_ring_size)
// points in all, each endpoint about scale · w_i / W of them and at least one. A point's hash
// comes from (instance id, point number) through a stable 64-bit mixer (Envoy hashes the
// address with xxHash): identical on every platform. A pick is a binary search, O(log ring).
// Parameters: min_ring_size, max_ring_size (points; Envoy 1024 and 8 Mi); weights (>= 1).
#pragma once

#include <cstdint>

#include "patterns/balancing/balancer.h"

namespace discolab {

struct RingHashConfig {
  std::uint64_t min_ring_size = 1024;             // Envoy ring_hash.minimum_ring_size
  std::uint64_t max_ring_size = 8 * 1024 * 1024;  // Envoy maximum_ring_size
};

class RingHashBalancer final : public Balancer {
 public:
  explicit RingHashBalancer(RingHashConfig config = {});
  std::string_view name() const override { return "ring-hash"; }

  // Points on the current ring (for tests and reports).
  std::uint64_t ring_size() const { return ring_size_; }

 protected:
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;

 private:
  RingHashConfig config_;
  std::uint64_t ring_size_ = 0;
};

}  // namespace discolab

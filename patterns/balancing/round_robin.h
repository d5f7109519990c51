// Round robin: endpoints in list order, one after the other, from a random starting point.
//
// Models Envoy's ROUND_ROBIN and gRPC's round_robin with equal weights: every update starts
// the rotation at a position drawn from the balancer's own stream, so that many callers
// updated at once do not all hit the first endpoint. Weights are ignored (see
// weighted_round_robin.h). Parameters: none. Over any run of picks between two updates the
// per-endpoint counts differ by at most one.
#pragma once

#include <cstdint>

#include "patterns/balancing/balancer.h"

namespace discolab {

// Hands out positions 0..n-1 cyclically from a cursor the balancer owns. Shared by round
// robin (random start) and DNS-style rotation (start at the rotation offset).
class CursorPicker final : public Picker {
 public:
  CursorPicker(EndpointListPtr endpoints, std::uint32_t* cursor)
      : Picker(std::move(endpoints)),
        cursor_(cursor),
        size_(static_cast<std::uint32_t>(this->endpoints().size())) {}

  PickResult pick(const PickContext&) const override {
    const std::uint32_t i = *cursor_;
    *cursor_ = i + 1 == size_ ? 0 : i + 1;
    return result(i);
  }

 private:
  std::uint32_t* cursor_;  // owned by the balancer; always < size_
  std::uint32_t size_;
};

class RoundRobinBalancer final : public Balancer {
 public:
  // `setup` draws the starting position at each update (not per pick).
  explicit RoundRobinBalancer(RandomStream setup) : setup_(setup) {}
  std::string_view name() const override { return "round-robin"; }

 protected:
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;

 private:
  RandomStream setup_;
  std::uint32_t cursor_ = 0;
};

}  // namespace discolab

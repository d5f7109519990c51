#include "patterns/balancing/ring_hash.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "patterns/balancing/pick_helpers.h"

namespace discolab {
namespace {

class RingHashPicker final : public Picker {
 public:
  RingHashPicker(EndpointListPtr endpoints, std::vector<std::uint64_t> hashes,
                 std::vector<std::uint32_t> owners)
      : Picker(std::move(endpoints)), hashes_(std::move(hashes)), owners_(std::move(owners)) {}

  PickResult pick(const PickContext& ctx) const override {
    const std::uint64_t h = balancing::mix64(ctx.hash_key);
    // Branch-free lower bound: the loop has a fixed trip count and compiles to conditional
    // moves, which beats std::lower_bound's unpredictable branches on large rings.
    const std::uint64_t* base = hashes_.data();
    std::size_t len = hashes_.size();
    while (len > 1) {
      const std::size_t half = len / 2;
      base = base[half] < h ? base + half : base;
      len -= half;
    }
    std::size_t i = static_cast<std::size_t>(base - hashes_.data()) + (*base < h ? 1 : 0);
    if (i == hashes_.size()) i = 0;  // past the last point: wrap around the ring
    return result(owners_[i]);
  }

 private:
  std::vector<std::uint64_t> hashes_;  // sorted ascending
  std::vector<std::uint32_t> owners_;  // position of the endpoint owning hashes_[k]
};

}  // namespace

RingHashBalancer::RingHashBalancer(RingHashConfig config) : config_(config) {
  if (config_.min_ring_size == 0 || config_.max_ring_size < config_.min_ring_size) {
    throw std::invalid_argument("RingHashBalancer: need 0 < min_ring_size <= max_ring_size");
  }
}

std::unique_ptr<const Picker> RingHashBalancer::build(const EndpointListPtr&,
                                                      const EndpointListPtr& next) {
  const EndpointList& list = *next;
  ring_size_ = 0;
  if (list.empty()) return std::make_unique<EmptyPicker>(next);

  double total = 0;
  std::uint32_t lightest = ~0U;
  for (const auto& e : list) {
    total += std::max<std::uint32_t>(e.weight, 1);
    lightest = std::min(lightest, std::max<std::uint32_t>(e.weight, 1));
  }
  const double min_share = lightest / total;
  const double scale =
      std::min(std::ceil(min_share * static_cast<double>(config_.min_ring_size)) / min_share,
               static_cast<double>(config_.max_ring_size));

  // Cumulative rounding keeps the total at about `scale` whatever the weights.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> points;
  points.reserve(static_cast<std::size_t>(scale) + list.size());
  double target = 0;
  for (std::uint32_t i = 0; i < list.size(); ++i) {
    target += scale * std::max<std::uint32_t>(list[i].weight, 1) / total;
    std::uint64_t replica = 0;
    do {
      points.emplace_back(balancing::endpoint_hash(list[i].instance, replica++), i);
    } while (static_cast<double>(points.size()) < target);
  }
  std::sort(points.begin(), points.end());

  std::vector<std::uint64_t> hashes(points.size());
  std::vector<std::uint32_t> owners(points.size());
  for (std::size_t k = 0; k < points.size(); ++k) {
    hashes[k] = points[k].first;
    owners[k] = points[k].second;
  }
  ring_size_ = points.size();
  return std::make_unique<RingHashPicker>(next, std::move(hashes), std::move(owners));
}

}  // namespace discolab

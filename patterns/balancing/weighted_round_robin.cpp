#include "patterns/balancing/weighted_round_robin.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "patterns/balancing/pick_helpers.h"

namespace discolab {
namespace {

using Cursor = WeightedRoundRobinBalancer::Cursor;

// One level: the rounds whose threshold lies in (next lower distinct weight, this weight];
// each of them visits the first `width` endpoints of the weight-sorted order.
struct Level {
  std::uint32_t width;
  std::uint64_t rounds;
};

class WeightedRoundRobinPicker final : public Picker {
 public:
  WeightedRoundRobinPicker(EndpointListPtr endpoints, std::vector<std::uint32_t> order,
                           std::vector<Level> levels, Cursor* cursor)
      : Picker(std::move(endpoints)),
        order_(std::move(order)),
        levels_(std::move(levels)),
        cursor_(cursor) {}

  PickResult pick(const PickContext&) const override {
    Cursor& c = *cursor_;
    const std::uint32_t chosen = order_[c.position];
    if (++c.position == levels_[c.level].width) {
      c.position = 0;
      if (--c.rounds_left == 0) {
        c.level = c.level + 1 == levels_.size() ? 0 : c.level + 1;
        c.rounds_left = levels_[c.level].rounds;
      }
    }
    return result(chosen);
  }

  std::uint64_t cycle_length() const {
    std::uint64_t total = 0;
    for (const Level& l : levels_) total += l.rounds * l.width;
    return total;
  }

  // The cursor `offset` picks into the cycle (offset < cycle_length()).
  Cursor cursor_at(std::uint64_t offset) const {
    for (std::uint32_t k = 0; k < levels_.size(); ++k) {
      const std::uint64_t size = levels_[k].rounds * levels_[k].width;
      if (offset < size) {
        const std::uint64_t rounds_done = offset / levels_[k].width;
        return Cursor{k, levels_[k].rounds - rounds_done,
                      static_cast<std::uint32_t>(offset % levels_[k].width)};
      }
      offset -= size;
    }
    return Cursor{0, levels_.front().rounds, 0};
  }

 private:
  std::vector<std::uint32_t> order_;  // positions, heaviest first, list order among equals
  std::vector<Level> levels_;         // from the heaviest threshold down
  Cursor* cursor_;                    // owned by the balancer
};

}  // namespace

std::unique_ptr<const Picker> WeightedRoundRobinBalancer::build(const EndpointListPtr&,
                                                                const EndpointListPtr& next) {
  const EndpointList& list = *next;
  if (list.empty()) return std::make_unique<EmptyPicker>(next);

  std::vector<std::uint64_t> weight(list.size());
  std::uint64_t divisor = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    weight[i] = std::max<std::uint32_t>(list[i].weight, 1);
    divisor = std::gcd(divisor, weight[i]);
  }
  for (auto& w : weight) w /= divisor;

  std::vector<std::uint32_t> order(list.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return weight[a] > weight[b]; });

  // Walking the sorted order, each new (lower) distinct weight closes a level: the rounds with
  // thresholds in (that weight, previous weight] visit everything seen so far.
  std::vector<Level> levels;
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    const std::uint64_t w = weight[order[k]];
    const std::uint64_t lower = k + 1 < order.size() ? weight[order[k + 1]] : 0;
    if (lower < w) levels.push_back(Level{k + 1, w - lower});
  }

  auto picker = std::make_unique<WeightedRoundRobinPicker>(next, std::move(order),
                                                           std::move(levels), &cursor_);
  const std::uint64_t cycle = picker->cycle_length();
  cursor_ = picker->cursor_at(cycle == 0 ? 0 : setup_.uniform_int(0, cycle - 1));
  return picker;
}

}  // namespace discolab

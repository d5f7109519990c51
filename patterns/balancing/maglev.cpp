#include "patterns/balancing/maglev.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "patterns/balancing/pick_helpers.h"

namespace discolab {
namespace {

bool is_prime(std::uint32_t n) {
  if (n < 2) return false;
  for (std::uint64_t d = 2; d * d <= n; ++d) {
    if (n % d == 0) return false;
  }
  return true;
}

class MaglevPicker final : public Picker {
 public:
  MaglevPicker(EndpointListPtr endpoints, std::vector<std::uint32_t> table)
      : Picker(std::move(endpoints)), table_(std::move(table)) {}

  PickResult pick(const PickContext& ctx) const override {
    // Multiply-shift maps the hash's top 32 bits onto [0, M) without a division.
    const std::uint64_t h = balancing::mix64(ctx.hash_key) >> 32;
    return result(table_[(h * table_.size()) >> 32]);
  }

 private:
  std::vector<std::uint32_t> table_;  // position of the endpoint owning each entry
};

}  // namespace

MaglevBalancer::MaglevBalancer(MaglevConfig config) : config_(config) {
  if (!is_prime(config_.table_size))
    throw std::invalid_argument("MaglevBalancer: table_size must be prime");
}

std::unique_ptr<const Picker> MaglevBalancer::build(const EndpointListPtr&,
                                                    const EndpointListPtr& next) {
  const EndpointList& list = *next;
  if (list.empty()) return std::make_unique<EmptyPicker>(next);
  const std::uint32_t m = config_.table_size;
  const auto n = static_cast<std::uint32_t>(list.size());

  std::vector<std::uint32_t> cursor(n);  // each endpoint's current preferred entry
  std::vector<std::uint32_t> skip(n);
  std::vector<std::uint64_t> weight(n);
  std::uint64_t heaviest = 1;
  for (std::uint32_t i = 0; i < n; ++i) {
    cursor[i] = static_cast<std::uint32_t>(balancing::endpoint_hash(list[i].instance, 0) % m);
    skip[i] =
        static_cast<std::uint32_t>(balancing::endpoint_hash(list[i].instance, 1) % (m - 1)) + 1;
    weight[i] = std::max<std::uint32_t>(list[i].weight, 1);
    heaviest = std::max(heaviest, weight[i]);
  }

  constexpr std::uint32_t kFree = ~0U;
  std::vector<std::uint32_t> table(m, kFree);
  std::vector<std::uint64_t> credit(n, 0);
  std::uint32_t filled = 0;
  auto advance = [m](std::uint32_t c, std::uint32_t step) {
    const std::uint64_t sum = std::uint64_t{c} + step;
    return static_cast<std::uint32_t>(sum >= m ? sum - m : sum);
  };
  while (filled < m) {
    for (std::uint32_t i = 0; i < n && filled < m; ++i) {
      credit[i] += weight[i];
      if (credit[i] < heaviest) continue;
      credit[i] -= heaviest;
      std::uint32_t c = cursor[i];
      while (table[c] != kFree) c = advance(c, skip[i]);
      table[c] = i;
      ++filled;
      cursor[i] = advance(c, skip[i]);
    }
  }
  return std::make_unique<MaglevPicker>(next, std::move(table));
}

}  // namespace discolab

#include "patterns/balancing/random.h"

#include "patterns/balancing/pick_helpers.h"

namespace discolab {
namespace {

class RandomPicker final : public Picker {
 public:
  explicit RandomPicker(EndpointListPtr endpoints)
      : Picker(std::move(endpoints)), size_(static_cast<std::uint32_t>(this->endpoints().size())) {}

  PickResult pick(const PickContext& ctx) const override {
    return result(balancing::random_index(balancing::require_random(ctx.random), size_));
  }

 private:
  std::uint32_t size_;
};

}  // namespace

std::unique_ptr<const Picker> RandomBalancer::build(const EndpointListPtr&,
                                                    const EndpointListPtr& next) {
  if (next->empty()) return std::make_unique<EmptyPicker>(next);
  return std::make_unique<RandomPicker>(next);
}

}  // namespace discolab

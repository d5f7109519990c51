#include "patterns/balancing/round_robin.h"

#include "patterns/balancing/pick_helpers.h"

namespace discolab {

std::unique_ptr<const Picker> RoundRobinBalancer::build(const EndpointListPtr&,
                                                        const EndpointListPtr& next) {
  if (next->empty()) return std::make_unique<EmptyPicker>(next);
  cursor_ = balancing::random_index(setup_, static_cast<std::uint32_t>(next->size()));
  return std::make_unique<CursorPicker>(next, &cursor_);
}

}  // namespace discolab

#include "patterns/balancing/dns_rotated.h"

#include <algorithm>

#include "patterns/balancing/round_robin.h"

namespace discolab {

void DnsRotatedBalancer::given_order(const EndpointList& as_given) {
  first_ = as_given.empty() ? kNoInstance : as_given.front().instance;
}

std::unique_ptr<const Picker> DnsRotatedBalancer::build(const EndpointListPtr&,
                                                        const EndpointListPtr& next) {
  const auto first =
      std::lower_bound(next->begin(), next->end(), first_,
                       [](const ServiceEndpoint& e, InstanceId id) { return e.instance < id; });
  cursor_ = first != next->end() && first->instance == first_
                ? static_cast<std::uint32_t>(first - next->begin())
                : 0;
  if (next->empty()) return std::make_unique<EmptyPicker>(next);
  return std::make_unique<CursorPicker>(next, &cursor_);
}

PickResult DnsRotatedBalancer::in_answer_order(const PickResult& first,
                                               std::uint32_t attempt) const {
  const EndpointList& list = endpoints();
  if (!first.ok() || list.empty()) return PickResult{};
  const auto i = static_cast<std::uint32_t>((first.index + attempt) % list.size());
  return PickResult{PickStatus::complete, i, list[i]};
}

EndpointList DnsRotatedBalancer::next_answer() {
  const PickResult first = pick(PickContext{});
  EndpointList answer;
  if (!first.ok()) return answer;
  const EndpointList& list = endpoints();
  answer.reserve(list.size());
  for (std::uint32_t k = 0; k < list.size(); ++k)
    answer.push_back(in_answer_order(first, k).endpoint);
  return answer;
}

}  // namespace discolab

#include "patterns/balancing/balancer.h"

#include <algorithm>

namespace discolab {
namespace {

bool by_instance(const ServiceEndpoint& a, const ServiceEndpoint& b) {
  return a.instance < b.instance;
}

const EndpointListPtr& empty_list() {
  static const EndpointListPtr empty = std::make_shared<const EndpointList>();
  return empty;
}

}  // namespace

std::optional<std::uint32_t> Picker::position_of(InstanceId instance) const {
  const EndpointList& list = *endpoints_;
  auto it =
      std::lower_bound(list.begin(), list.end(), instance,
                       [](const ServiceEndpoint& e, InstanceId id) { return e.instance < id; });
  if (it == list.end() || it->instance != instance) return std::nullopt;
  return static_cast<std::uint32_t>(it - list.begin());
}

Balancer::Balancer() : picker_(std::make_unique<EmptyPicker>(empty_list())) {}

void Balancer::update(EndpointListPtr endpoints) {
  if (!endpoints) endpoints = empty_list();
  given_order(*endpoints);
  if (!std::is_sorted(endpoints->begin(), endpoints->end(), by_instance)) {
    auto sorted = std::make_shared<EndpointList>(*endpoints);
    std::sort(sorted->begin(), sorted->end(), by_instance);
    endpoints = std::move(sorted);
  }
  std::unique_ptr<const Picker> next = build(picker_->endpoint_list(), endpoints);
  picker_ = std::move(next);
  empty_ = picker_->endpoints().empty();
}

}  // namespace discolab

// What least-request and peak-EWMA share: per-endpoint load kept by the balancer, and a picker
// that samples d endpoints and takes the one of least cost ("power of d choices").
//
// The load vector is indexed by position in the current list and remapped by instance id on
// every update, so a pick reads it in O(1) and an endpoint that stays keeps its load. Feedback
// finds an endpoint's position by binary search over the instance-sorted list.
#pragma once

#include <cstdint>
#include <vector>

#include "patterns/balancing/balancer.h"
#include "patterns/balancing/pick_helpers.h"

namespace discolab {

// `Load` has a member `in_flight` (counted by on_start/on_finish here).
// `Cost` is a stateless functor: Cost{}(const Load&) -> an ordered value, lower is better.
template <class Load, class Cost>
class ChoiceOfDPicker final : public Picker {
 public:
  // `load` is owned by the balancer, one entry per endpoint, valid until the next update.
  ChoiceOfDPicker(EndpointListPtr endpoints, const Load* load, std::uint32_t choices)
      : Picker(std::move(endpoints)),
        load_(load),
        size_(static_cast<std::uint32_t>(this->endpoints().size())),
        choices_(choices) {}

  PickResult pick(const PickContext& ctx) const override {
    RandomStream& random = balancing::require_random(ctx.random);
    return result(balancing::best_of_choices(random, size_, choices_,
                                             [this](std::uint32_t i) { return Cost{}(load_[i]); }));
  }

 private:
  const Load* load_;
  std::uint32_t size_;
  std::uint32_t choices_;
};

template <class Load, class Cost>
class ChoiceOfDBalancer : public Balancer {
 public:
  void on_start(const ServiceEndpoint& endpoint) override {
    if (Load* load = load_of(endpoint)) ++load->in_flight;
  }
  void on_finish(const ServiceEndpoint& endpoint, Duration latency, bool ok) override {
    (void)finish(endpoint, latency, ok);
  }

 protected:
  // Counts the try as no longer in flight; returns its endpoint's load (null when gone) for
  // policies that learn from the answer.
  Load* finish(const ServiceEndpoint& endpoint, Duration, bool) {
    Load* load = load_of(endpoint);
    if (load != nullptr && load->in_flight > 0) --load->in_flight;
    return load;
  }

  // `fresh` is the load of an endpoint the balancer has not seen before.
  ChoiceOfDBalancer(std::uint32_t choices, Load fresh)
      : choices_(choices < 1 ? 1 : choices), fresh_(fresh) {}

  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override {
    load_ = balancing::remap_by_instance<Load>(*previous, load_, *next, fresh_);
    if (next->empty()) return std::make_unique<EmptyPicker>(next);
    return make_picker(next, load_.data());
  }
  // The picker over a non-empty list: d random choices, unless a policy scans otherwise.
  virtual std::unique_ptr<const Picker> make_picker(const EndpointListPtr& next, const Load* load) {
    return std::make_unique<ChoiceOfDPicker<Load, Cost>>(next, load, choices_);
  }

  // The load entry of `endpoint`, or null when it is not in the current list.
  Load* load_of(const ServiceEndpoint& endpoint) {
    const auto position = picker().position_of(endpoint.instance);
    return position ? &load_[*position] : nullptr;
  }

  void set_fresh(const Load& fresh) { fresh_ = fresh; }

 public:
  std::uint32_t choices() const { return choices_; }
  // The load of the endpoint at `position` in the current list (for tests and views).
  const Load& load_at(std::uint32_t position) const { return load_.at(position); }

 private:
  std::uint32_t choices_;
  Load fresh_;
  std::vector<Load> load_;
};

}  // namespace discolab

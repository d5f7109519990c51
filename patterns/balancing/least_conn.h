// Least connections, HAProxy's `balance leastconn`: every pick scans all endpoints and takes
// one with the fewest requests in flight from this balancer; among equally loaded ones it goes
// round robin (HAProxy doc/configuration.txt, `balance leastconn`: "The server with the lowest
// number of connections receives the connection. Round-robin is performed within groups of
// servers of the same load to ensure that all servers will be used."). Behind a central LB that
// carries all the traffic, the in-flight counts are the backends' true loads, so this is
// join-the-shortest-queue (JSQ); least-request with d choices samples only d of them.
// Simplifications: weights are ignored; the scan is O(n) per pick (HAProxy keeps a tree,
// O(log n)). The round robin among ties: the scan starts after the last endpoint picked and
// keeps the first of least load it meets.
#pragma once

#include <cstdint>

#include "patterns/balancing/least_request.h"

namespace discolab {

namespace balancing {
class LeastConnPicker final : public Picker {
 public:
  // `load` and `cursor` are owned by the balancer and outlive the picker.
  LeastConnPicker(EndpointListPtr endpoints, const InFlight* load, std::uint32_t* cursor)
      : Picker(std::move(endpoints)),
        load_(load),
        cursor_(cursor),
        size_(static_cast<std::uint32_t>(this->endpoints().size())) {}

  PickResult pick(const PickContext&) const override {
    const std::uint32_t start = *cursor_ % size_;
    std::uint32_t best = start;
    for (std::uint32_t k = 1; k < size_; ++k) {
      const std::uint32_t i = start + k < size_ ? start + k : start + k - size_;
      if (load_[i].in_flight < load_[best].in_flight) best = i;
    }
    *cursor_ = best + 1;
    return result(best);
  }

 private:
  const InFlight* load_;
  std::uint32_t* cursor_;
  std::uint32_t size_;
};
}  // namespace balancing

class LeastConnBalancer final
    : public ChoiceOfDBalancer<balancing::InFlight, balancing::FewestInFlight> {
 public:
  LeastConnBalancer() : ChoiceOfDBalancer(1, balancing::InFlight{}) {}
  std::string_view name() const override { return "least-conn"; }

 protected:
  std::unique_ptr<const Picker> make_picker(const EndpointListPtr& next,
                                            const balancing::InFlight* load) override {
    return std::make_unique<balancing::LeastConnPicker>(next, load, &cursor_);
  }

 private:
  std::uint32_t cursor_ = 0;  // where the next scan starts: round robin among ties
};

}  // namespace discolab

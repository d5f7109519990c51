// Least request with power-of-d choices: sample d endpoints at random, send to the one with
// the fewest requests in flight from this balancer.
//
// Models Envoy's LEAST_REQUEST (choice_count, default 2), HAProxy's `random(2)` and NGINX's
// `random two least_conn`. With d = 2 the most loaded endpoint stays within O(log log n) of
// the mean, against O(log n / log log n) for random (Mitzenmacher's supermarket model).
// Simplification: weights are ignored (Envoy switches to a weighted scheduler when weights
// differ). Parameters: choice_count d (>= 1; 1 is random). In-flight counts come from
// on_start/on_finish.
#pragma once

#include <cstdint>

#include "patterns/balancing/choice_of_d.h"

namespace discolab {

struct LeastRequestConfig {
  std::uint32_t choice_count = 2;  // d; Envoy least_request.choice_count default
};

namespace balancing {
struct InFlight {
  std::uint32_t in_flight = 0;
};
struct FewestInFlight {
  std::uint32_t operator()(const InFlight& l) const { return l.in_flight; }
};
}  // namespace balancing

class LeastRequestBalancer final
    : public ChoiceOfDBalancer<balancing::InFlight, balancing::FewestInFlight> {
 public:
  explicit LeastRequestBalancer(LeastRequestConfig config = {})
      : ChoiceOfDBalancer(config.choice_count, balancing::InFlight{}) {}
  std::string_view name() const override { return "least-request"; }
};

}  // namespace discolab

// Passive outlier detection: endpoints are ejected on the evidence of real requests.
//
// Models Envoy's outlier detection (NGINX's max_fails/fail_timeout is the special case
// consecutive_failures = 1, base = max = fail_timeout, no percentage limit). Callers report
// every request's outcome; a failure is a 5xx, a refused connection or a timeout.
// Rules (each covered by a test on the manual clock):
// - Consecutive failures: the `consecutive_failures`-th failure in a row ejects the endpoint
//   at that instant; a success resets the count, and so does an ejection attempt.
// - Ejection time: base_ejection_time × (times ejected so far, this one included), capped at
//   max(max_ejection_time, base_ejection_time). The endpoint returns at exactly that instant.
// - The multiplier decreases by one at each `interval` tick that ends an interval during
//   which the endpoint was never ejected (Envoy lets it decay so that a host that behaved
//   comes back to the base time).
// - Max ejection percent: an ejection is refused when it would raise the ejected share above
//   max_ejection_percent of watched endpoints, except that one endpoint may always be ejected
//   (Envoy: "at least one host"). Envoy compares the share before the ejection and so can
//   overshoot by one host; we never do.
// - Success rate (at each interval tick): among endpoints not ejected with at least
//   success_rate_request_volume outcomes in the interval, if there are at least
//   success_rate_minimum_hosts, eject those whose success rate is below
//   mean − stdev_factor × stdev (population stdev), in instance order. Counts reset each tick.
// Simplifications: Envoy's enforcing_* percentages are 100 % here; Envoy checks un-ejection
// at interval ticks, we un-eject at the exact instant; gateway-failure and failure-percentage
// detectors are not modelled. Outcomes reported for ejected endpoints are ignored.
// Defaults are Envoy's (outlier_detection.proto): 5 consecutive, interval 10 s, base 30 s,
// max 300 s, 10 %, success rate on with 5 hosts, 100 requests, factor 1.9 (Envoy's 1900/1000).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>

#include "patterns/core/endpoint.h"
#include "patterns/core/runtime.h"

namespace discolab {

struct OutlierDetectionConfig {
  std::uint32_t consecutive_failures = 5;  // 0 disables the detector
  Duration interval = std::chrono::seconds(10);
  Duration base_ejection_time = std::chrono::seconds(30);
  Duration max_ejection_time = std::chrono::seconds(300);
  double max_ejection_percent = 10.0;  // of watched endpoints, 0..100
  bool success_rate = true;
  std::uint32_t success_rate_minimum_hosts = 5;
  std::uint32_t success_rate_request_volume = 100;  // outcomes per interval
  double success_rate_stdev_factor = 1.9;
};

// (instance, ejected): ejected or returned.
using EjectionCallback = std::function<void(InstanceId, bool)>;

class OutlierDetector {
 public:
  OutlierDetector(Runtime& rt, OutlierDetectionConfig config, EjectionCallback on_change);
  ~OutlierDetector();
  OutlierDetector(const OutlierDetector&) = delete;
  OutlierDetector& operator=(const OutlierDetector&) = delete;

  // The endpoints to watch; others are forgotten (silently, even if ejected), new ones start
  // with a clean record.
  void set_endpoints(std::span<const ServiceEndpoint> endpoints);
  // A request to `instance` finished: ok = answered successfully. Unknown instances are ignored.
  void report(InstanceId instance, bool ok);

  bool ejected(InstanceId instance) const;
  // The current multiplier of the ejection time (0 for a never-ejected endpoint).
  std::uint32_t ejection_multiplier(InstanceId instance) const;
  std::size_t ejected_count() const { return ejected_; }
  std::size_t watched_count() const { return hosts_.size(); }

 private:
  struct Host {
    std::uint32_t consecutive_failures = 0;
    bool ejected = false;
    bool ejected_this_interval = false;
    std::uint32_t multiplier = 0;
    TimerId return_timer = kNoTimer;
    std::uint64_t interval_ok = 0;
    std::uint64_t interval_total = 0;
  };

  bool try_eject(InstanceId instance, Host& host);
  void uneject(InstanceId instance);
  void on_interval();
  void eject_by_success_rate();

  Runtime& rt_;
  OutlierDetectionConfig config_;
  EjectionCallback on_change_;
  std::map<InstanceId, Host> hosts_;
  std::size_t ejected_ = 0;
  TimerId interval_timer_ = kNoTimer;
};

}  // namespace discolab

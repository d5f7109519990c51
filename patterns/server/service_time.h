// How long one request occupies a worker: the distribution and its parameters.
//
// Used by every server in the model — instances, and the intermediaries (load balancer,
// proxy, gateway, DNS server) that do work per request — so that any of them can saturate.
#pragma once

#include "patterns/core/random.h"
#include "patterns/core/time.h"

namespace discolab {

enum class ServiceTimeDistribution { exponential, constant, lognormal };

struct ServiceTimeSpec {
  ServiceTimeDistribution distribution = ServiceTimeDistribution::exponential;
  Duration mean = std::chrono::milliseconds(5);
  double sigma = 0.5;  // lognormal: standard deviation of the log

  bool operator==(const ServiceTimeSpec&) const = default;
};

// One draw from `spec` (constant draws nothing from the stream).
Duration draw_service_time(const ServiceTimeSpec& spec, RandomStream& stream);

}  // namespace discolab

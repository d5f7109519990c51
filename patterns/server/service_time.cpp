#include "patterns/server/service_time.h"

namespace discolab {

Duration draw_service_time(const ServiceTimeSpec& spec, RandomStream& stream) {
  switch (spec.distribution) {
    case ServiceTimeDistribution::constant:
      return spec.mean;
    case ServiceTimeDistribution::exponential:
      return stream.exponential_duration(spec.mean);
    case ServiceTimeDistribution::lognormal:
      return from_seconds(stream.lognormal(to_seconds(spec.mean), spec.sigma));
  }
  return spec.mean;
}

}  // namespace discolab

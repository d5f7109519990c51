#include "patterns/balancing/peak_ewma.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace discolab {

PeakEwmaBalancer::PeakEwmaBalancer(PeakEwmaConfig config, Clock clock)
    : ChoiceOfDBalancer(
          config.choice_count,
          balancing::EwmaLoad{static_cast<double>(config.default_rtt.count()), 0, {}}),
      config_(config),
      clock_(std::move(clock)) {
  if (!clock_) throw std::invalid_argument("PeakEwmaBalancer: a clock is required");
  if (config_.decay.count() <= 0)
    throw std::invalid_argument("PeakEwmaBalancer: decay must be > 0");
}

std::unique_ptr<const Picker> PeakEwmaBalancer::build(const EndpointListPtr& previous,
                                                      const EndpointListPtr& next) {
  // Newcomers start at default_rtt, stamped now, so their first answer decays from here.
  set_fresh(balancing::EwmaLoad{static_cast<double>(config_.default_rtt.count()), 0, clock_()});
  return ChoiceOfDBalancer::build(previous, next);
}

void PeakEwmaBalancer::on_finish(const ServiceEndpoint& endpoint, Duration latency, bool ok) {
  balancing::EwmaLoad* load = finish(endpoint, latency, ok);
  if (load == nullptr) return;
  const SimTime now = clock_();
  const double rtt = static_cast<double>(latency.count());
  if (rtt > load->rtt_ns) {
    load->rtt_ns = rtt;
  } else {
    const double elapsed = static_cast<double>((now - load->updated).count());
    const double keep =
        std::exp(-std::max(elapsed, 0.0) / static_cast<double>(config_.decay.count()));
    load->rtt_ns = load->rtt_ns * keep + rtt * (1.0 - keep);
  }
  load->updated = now;
}

}  // namespace discolab

// Peak-EWMA with two choices: sample two endpoints, send to the one with the lower
// latency estimate × (requests in flight + 1).
//
// Models Linkerd 2's balancer (P2C over PeakEWMA load, from Finagle). The estimate jumps up
// at once to any latency above it ("peak") and decays towards lower ones with time constant
// `decay`: after an answer of latency r, dt after the previous one,
//   estimate = r                                    if r > estimate
//   estimate = estimate·e^(−dt/decay) + r·(1 − e^(−dt/decay))   otherwise.
// The in-flight factor penalises an endpoint that has requests outstanding, so a slow one
// stops attracting traffic before its answers even come back.
// Simplifications: the estimate decays only when an answer arrives (Finagle also lets it decay
// towards zero while idle); failures count with their latency like successes (a fast refusal
// looks attractive — outlier detection is what removes such endpoints).
// Parameters: decay (Duration; Linkerd 10 s), default_rtt (the estimate of an endpoint never
// measured; Linkerd 30 ms), choice_count (2). Time comes from the injected clock.
#pragma once

#include <cstdint>
#include <functional>

#include "patterns/balancing/choice_of_d.h"

namespace discolab {

using Clock = std::function<SimTime()>;

struct PeakEwmaConfig {
  Duration decay = std::chrono::seconds(10);             // Linkerd ewma.decay
  Duration default_rtt = std::chrono::milliseconds(30);  // Linkerd ewma.default_rtt
  std::uint32_t choice_count = 2;
};

namespace balancing {
struct EwmaLoad {
  double rtt_ns = 0;  // the peak-EWMA latency estimate
  std::uint32_t in_flight = 0;
  SimTime updated{0};  // when rtt_ns was last updated
};
struct EwmaCost {
  double operator()(const EwmaLoad& l) const { return l.rtt_ns * (l.in_flight + 1.0); }
};
}  // namespace balancing

class PeakEwmaBalancer final : public ChoiceOfDBalancer<balancing::EwmaLoad, balancing::EwmaCost> {
 public:
  // `clock` gives the current instant (e.g. [&rt] { return rt.now(); }); required.
  PeakEwmaBalancer(PeakEwmaConfig config, Clock clock);
  std::string_view name() const override { return "peak-ewma"; }

  void on_finish(const ServiceEndpoint& endpoint, Duration latency, bool ok) override;

 protected:
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;

 private:
  PeakEwmaConfig config_;
  Clock clock_;
};

}  // namespace discolab

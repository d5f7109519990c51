#include "sim/cluster/workload.h"

#include <algorithm>

namespace discolab {

CallerWorkload::CallerWorkload(Runtime& rt, const ClientSpec& spec, std::string caller_name,
                               Caller& caller, std::uint64_t id_base, SimTime end)
    : rt_(rt),
      spec_(spec),
      name_(std::move(caller_name)),
      caller_(caller),
      id_base_(id_base),
      end_(end),
      arrivals_(rt.random(name_, "arrivals")),
      sessions_(rt.random(name_, "session")) {
  for (const auto& b : spec_.bursts) {
    changes_.push_back(b.at);
    changes_.push_back(b.at + b.duration);
  }
  std::sort(changes_.begin(), changes_.end());
}

double CallerWorkload::rate_at(SimTime t) const {
  double rate = spec_.rate_per_s;
  for (const auto& b : spec_.bursts) {
    if (t >= b.at && t < b.at + b.duration) rate *= b.factor;
  }
  return rate;
}

SimTime CallerWorkload::next_rate_change(SimTime t) const {
  auto it = std::upper_bound(changes_.begin(), changes_.end(), t);
  return it == changes_.end() ? kNever : *it;
}

void CallerWorkload::start() { arm(); }

void CallerWorkload::arm() {
  SimTime t = rt_.now();
  for (;;) {
    const double rate = rate_at(t);
    const SimTime change = next_rate_change(t);
    if (rate <= 0) {
      if (change == kNever || change >= end_) return;
      t = change;
      continue;
    }
    const SimTime next = t + from_seconds(arrivals_.exponential(rate));
    if (next >= change) {  // memoryless: restart the draw at the rate change
      t = change;
      continue;
    }
    if (next >= end_) return;
    rt_.schedule(next - rt_.now(), [this] {
      Request request;
      request.id = id_base_ + issued_++;
      request.route = route_;
      request.hash_key = spec_.sessions > 0
                             ? sessions_.uniform_int(1, static_cast<std::uint64_t>(spec_.sessions))
                             : sessions_.uniform_int(0, ~std::uint64_t{0});
      caller_.issue(request);
      arm();
    });
    return;
  }
}

}  // namespace discolab

#include "patterns/balancing/factory.h"

#include <array>

#include "patterns/balancing/dns_rotated.h"
#include "patterns/balancing/least_conn.h"
#include "patterns/balancing/random.h"
#include "patterns/balancing/round_robin.h"
#include "patterns/balancing/weighted_round_robin.h"

namespace discolab {
namespace {

constexpr std::array<std::string_view, kBalancerKindCount> kNames = {
    "round-robin", "random", "weighted-round-robin", "least-request", "peak-ewma",
    "ring-hash",   "maglev", "dns-rotated", "least-conn",
};

}  // namespace

std::string_view to_string(BalancerKind kind) { return kNames.at(static_cast<std::size_t>(kind)); }

std::optional<BalancerKind> parse_balancer_kind(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<BalancerKind>(i);
  }
  return std::nullopt;
}

std::unique_ptr<Balancer> make_balancer(const BalancerConfig& config, RandomStream setup,
                                        Clock clock) {
  switch (config.kind) {
    case BalancerKind::round_robin:
      return std::make_unique<RoundRobinBalancer>(setup);
    case BalancerKind::random:
      return std::make_unique<RandomBalancer>();
    case BalancerKind::weighted_round_robin:
      return std::make_unique<WeightedRoundRobinBalancer>(setup);
    case BalancerKind::least_request:
      return std::make_unique<LeastRequestBalancer>(config.least_request);
    case BalancerKind::peak_ewma:
      return std::make_unique<PeakEwmaBalancer>(config.peak_ewma, std::move(clock));
    case BalancerKind::ring_hash:
      return std::make_unique<RingHashBalancer>(config.ring_hash);
    case BalancerKind::maglev:
      return std::make_unique<MaglevBalancer>(config.maglev);
    case BalancerKind::dns_rotated:
      return std::make_unique<DnsRotatedBalancer>();
    case BalancerKind::least_conn:
      return std::make_unique<LeastConnBalancer>();
  }
  return nullptr;
}

}  // namespace discolab

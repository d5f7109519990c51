// Small pieces the policies share: a bounded random index, the best of d random choices, a
// stable 64-bit mixer for hashing, and the remapping of per-endpoint load across an update.
//
// All of them are deterministic across platforms: no std:: distributions, no std::hash.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/random.h"

namespace discolab::balancing {

// The stream a random policy draws from; a pick without one is the caller's bug.
inline RandomStream& require_random(RandomStream* random) {
  if (random == nullptr) throw std::logic_error("pick: this policy needs PickContext::random");
  return *random;
}

// Uniform in [0, n) for n < 2^32, by multiply-shift on 32 random bits (Lemire): one multiply,
// no division; the bias, at most n / 2^32, is far below anything a simulation can see.
inline std::uint32_t random_index(RandomStream& random, std::uint32_t n) {
  return static_cast<std::uint32_t>(((random() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
}

// Draws `d` positions uniformly (with replacement, as Envoy's least-request does) and returns
// the one of least cost(i); ties go to the earlier draw. d = 1 is plain random.
template <class CostFn>
std::uint32_t best_of_choices(RandomStream& random, std::uint32_t n, std::uint32_t d,
                              CostFn&& cost) {
  std::uint32_t best = random_index(random, n);
  auto best_cost = cost(best);
  for (std::uint32_t k = 1; k < d; ++k) {
    const std::uint32_t candidate = random_index(random, n);
    const auto candidate_cost = cost(candidate);
    if (candidate_cost < best_cost) {
      best = candidate;
      best_cost = candidate_cost;
    }
  }
  return best;
}

// A stable, well-mixing 64-bit hash (the splitmix64 finaliser): the same on every platform
// and run, unlike std::hash.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// The hash of an endpoint's `replica`-th point (ring hash, Maglev): from its instance id, so
// that an endpoint keeps its points when others come and go.
constexpr std::uint64_t endpoint_hash(InstanceId instance, std::uint64_t replica) {
  return mix64((static_cast<std::uint64_t>(instance) << 32 | (replica & 0xffffffffULL)) +
               0x9e3779b97f4a7c15ULL);
}

// Carries per-endpoint values from `previous` to `next` (both sorted by instance id): an
// endpoint present in both keeps its value, a new one gets `fresh`. O(|previous| + |next|).
template <class T>
std::vector<T> remap_by_instance(std::span<const ServiceEndpoint> previous,
                                 const std::vector<T>& values,
                                 std::span<const ServiceEndpoint> next, const T& fresh) {
  std::vector<T> out(next.size(), fresh);
  std::size_t p = 0;
  for (std::size_t i = 0; i < next.size(); ++i) {
    while (p < previous.size() && previous[p].instance < next[i].instance) ++p;
    if (p < previous.size() && p < values.size() && previous[p].instance == next[i].instance) {
      out[i] = values[p];
    }
  }
  return out;
}

}  // namespace discolab::balancing

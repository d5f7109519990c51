// Seeded random streams keyed by (seed, entity, purpose) — docs/architecture.md, decision 4.
//
// Every random decision draws from its own stream, so adding a service or a client does not
// shift the numbers another entity sees: all patterns in a comparison get the same churn and
// the same arrivals. The generator is xoshiro256++ (32 bytes of state, cheap to keep one per
// entity), seeded through splitmix64 from a stable 64-bit hash of the key. Distributions come
// from Boost.Random, whose output is defined across platforms (unlike std:: distributions).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "patterns/core/time.h"

namespace discolab {

// Stable across runs, compilers and platforms (FNV-1a over the bytes, mixed with the seed).
std::uint64_t stream_key(std::uint64_t seed, std::string_view entity, std::string_view purpose);

class RandomStream {
 public:
  using result_type = std::uint64_t;

  explicit RandomStream(std::uint64_t key = 0);
  RandomStream(std::uint64_t seed, std::string_view entity, std::string_view purpose)
      : RandomStream(stream_key(seed, entity, purpose)) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()();

  double uniform01();                                             // [0, 1)
  double uniform(double lo, double hi);                           // [lo, hi)
  std::uint64_t uniform_int(std::uint64_t lo, std::uint64_t hi);  // [lo, hi], inclusive
  bool bernoulli(double p);
  double exponential(double rate);  // mean 1/rate
  // `mean` is the variate's mean; `sigma` the standard deviation of its logarithm (shape).
  double lognormal(double mean, double sigma);
  Duration exponential_duration(Duration mean);
  // Uniform in [d * (1 - fraction), d * (1 + fraction)]; fraction 0 returns d.
  Duration jittered(Duration d, double fraction);
  // A periodic timer's first delay, uniform in (0, period] (docs/architecture.md, decision 6);
  // never 0, so a timer started at t does not fire at t itself.
  Duration phase(Duration period);

 private:
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace discolab

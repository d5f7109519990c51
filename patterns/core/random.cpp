#include "patterns/core/random.h"

#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>

namespace discolab {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t stream_key(std::uint64_t seed, std::string_view entity, std::string_view purpose) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv1a(h, entity);
  h = fnv1a(h ^ 0xff, purpose);  // separator: ("ab","c") and ("a","bc") differ
  std::uint64_t mix = seed ^ h;
  return splitmix64(mix);
}

RandomStream::RandomStream(std::uint64_t key) {
  for (auto& word : s_) word = splitmix64(key);
}

RandomStream::result_type RandomStream::operator()() {
  const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform01() {
  // 53 random bits give every double in [0,1) on a 2^-53 grid; defined on every platform.
  return static_cast<double>((*this)() >> 11) * 0x1.0p-53;
}

double RandomStream::uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

std::uint64_t RandomStream::uniform_int(std::uint64_t lo, std::uint64_t hi) {
  return boost::random::uniform_int_distribution<std::uint64_t>(lo, hi)(*this);
}

bool RandomStream::bernoulli(double p) {
  return boost::random::bernoulli_distribution<double>(p)(*this);
}

double RandomStream::exponential(double rate) {
  return boost::random::exponential_distribution<double>(rate)(*this);
}

double RandomStream::lognormal(double mean, double sigma) {
  // Boost.Random's parameters are those of the underlying normal; choose its location so
  // that the variate's mean is `mean`: E[X] = exp(m + sigma^2 / 2).
  const double m = std::log(mean) - 0.5 * sigma * sigma;
  return boost::random::lognormal_distribution<double>(m, sigma)(*this);
}

Duration RandomStream::exponential_duration(Duration mean) {
  if (mean.count() <= 0) return Duration{0};
  return from_seconds(exponential(1.0 / to_seconds(mean)));
}

Duration RandomStream::jittered(Duration d, double fraction) {
  if (fraction <= 0.0) return d;
  const double factor = uniform(1.0 - fraction, 1.0 + fraction);
  return Duration{static_cast<std::int64_t>(std::llround(static_cast<double>(d.count()) * factor))};
}

Duration RandomStream::phase(Duration period) {
  const double fraction = 1.0 - uniform01();  // (0, 1]
  const auto ns = std::llround(static_cast<double>(period.count()) * fraction);
  return Duration{std::max<std::int64_t>(ns, period.count() > 0 ? 1 : 0)};
}

}  // namespace discolab

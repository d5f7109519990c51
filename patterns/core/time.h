// Simulated time: one type for instants and durations, in integer nanoseconds.
//
// An instant is the time elapsed since the start of a run. Integer ticks keep runs
// bit-reproducible across engines and platforms; 64 bits of nanoseconds cover 292 years.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>

namespace discolab {

using Duration = std::chrono::nanoseconds;
using SimTime = Duration;

inline constexpr SimTime kNever = SimTime::max();

constexpr double to_seconds(Duration d) { return std::chrono::duration<double>(d).count(); }
constexpr double to_ms(Duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Rounds to the nearest nanosecond; negative and non-finite input is the caller's error.
inline Duration from_seconds(double s) {
  return Duration{static_cast<std::int64_t>(std::llround(s * 1e9))};
}
inline Duration from_ms(double ms) {
  return Duration{static_cast<std::int64_t>(std::llround(ms * 1e6))};
}

}  // namespace discolab

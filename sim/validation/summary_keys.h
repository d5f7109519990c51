// The summary.json keys the validation cases read, in one place: when the figures table
// renames a key, only this file changes.
#pragma once

#include <string_view>

namespace discolab::validation {

// Mean latency of successful requests, in milliseconds (docs/metrics.md).
inline constexpr std::string_view kLatencyMeanMs = "latency.mean_ms";
// Requests that failed, as a fraction of all requests.
inline constexpr std::string_view kFailureRate = "requests.failure_rate";

}  // namespace discolab::validation

// `metrics.warmup: auto`: the warm-up MSER-5 (mser.h) picks from a run measured without one.
//
// The run is simulated once with warm-up 0 and its per-interval rows of the user-facing client
// group (the merged rows without client groups) are read: leading intervals in which no request
// succeeded are always warm-up (no latency to judge yet: the clients have not started); MSER-5
// then runs on the rest, separately on the intervals' latency means (an interval without
// successes carries the previous value) and on their completion rates, and the larger
// truncation wins. The warm-up is the skipped plus the truncated intervals times the interval
// width, so it falls on an interval boundary. A last, shorter interval is left out.
#pragma once

#include <cstddef>

#include "patterns/core/time.h"
#include "sim/metrics/metrics_collector.h"
#include "sim/metrics/mser.h"

namespace discolab::metrics {

struct AutoWarmup {
  Duration warmup{};
  std::size_t skipped_intervals = 0;  // leading intervals without a success
  MserResult latency;                 // on the latency means after them
  MserResult completions;             // on the completion rates after them
  // Either series had not settled within its first half: the run is too short to trust.
  bool at_search_limit() const { return latency.at_search_limit || completions.at_search_limit; }
};

// From a finished collector of a run with warm-up 0.
AutoWarmup mser5_warmup(const MetricsCollector& run);

}  // namespace discolab::metrics

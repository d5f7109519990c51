// summary.json's `steady_state`: batch-means intervals (batch_means.h) of a run's main figures,
// from its timeseries rows after the warm-up (docs/metrics.md, "Warm-up and batch means").
//
// The measured rows are the full-width intervals that start at or after the warm-up (a last,
// shorter interval is left out); plan_batches groups them into MetricsOptions::batches batches.
// Requests count in the interval their outcome arrived in (as in timeseries.csv), so the grand
// mean of a request figure can differ slightly from the summary's, which counts requests by
// the time they were issued.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/metrics/metrics_collector.h"

namespace discolab::metrics {

// { "batches", "intervals_per_batch", "batch_s", "from_s", "to_s", "lag1_threshold", and per
// figure { "mean", "ci95_low", "ci95_high", "half_width", "batches", "lag1_autocorrelation",
// "correlated" } for failure_rate, latency_mean_ms, stale_route_rate, stale_view_fraction,
// control_plane_messages_per_s }. Undefined values are null. Call after finish().
nlohmann::json steady_state_json(const MetricsCollector& metrics);

}  // namespace discolab::metrics

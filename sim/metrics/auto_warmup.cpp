#include "sim/metrics/auto_warmup.h"

#include <algorithm>
#include <vector>

namespace discolab::metrics {

AutoWarmup mser5_warmup(const MetricsCollector& run) {
  const Duration interval = run.options().interval;
  std::vector<const TimeseriesRow*> rows;
  if (run.client_groups().empty()) {
    for (const TimeseriesRow& row : run.timeseries()) rows.push_back(&row);
  } else {
    const auto& user = run.client_groups().front();
    for (const ClientTimeseriesRow& r : run.client_timeseries())
      if (r.client == user.client && r.service == user.service) rows.push_back(&r.row);
  }
  if (!rows.empty() && rows.back()->end - rows.back()->start < interval) rows.pop_back();

  AutoWarmup w;
  while (w.skipped_intervals < rows.size() && rows[w.skipped_intervals]->succeeded == 0)
    ++w.skipped_intervals;
  if (w.skipped_intervals == rows.size()) return w;  // no success at all: nothing to judge

  std::vector<double> latency;
  std::vector<double> completions;
  const double width_s = to_seconds(interval);
  for (std::size_t i = w.skipped_intervals; i < rows.size(); ++i) {
    const TimeseriesRow& row = *rows[i];
    latency.push_back(row.succeeded == 0 ? latency.back()
                                         : row.latency_sum_s / static_cast<double>(row.succeeded));
    completions.push_back(static_cast<double>(row.succeeded + row.failed) / width_s);
  }
  w.latency = mser(latency);
  w.completions = mser(completions);
  const std::size_t truncated = std::max(w.latency.truncation, w.completions.truncation);
  w.warmup = interval * static_cast<Duration::rep>(w.skipped_intervals + truncated);
  return w;
}

}  // namespace discolab::metrics

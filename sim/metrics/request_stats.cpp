#include "sim/metrics/request_stats.h"

#include <limits>

namespace discolab::metrics {

void RequestStats::request_done(const RequestOutcome& outcome) {
  if (outcome.ok) {
    ++succeeded_;
    latency_.record(outcome.finished - outcome.started);
  } else {
    ++failed_;
    // A value outside the enum (a cast gone wrong) still counts as failed, under no cause.
    const auto cause = static_cast<std::size_t>(outcome.cause);
    if (cause < failed_by_cause_.size()) ++failed_by_cause_[cause];
    const auto last = static_cast<std::size_t>(outcome.last_cause);
    if (last < failed_by_last_cause_.size()) ++failed_by_last_cause_[last];
  }
  outcome_tries_ += outcome.tries;
  if (outcome.tries > 1) retries_ += outcome.tries - 1;
}

void RequestStats::merge(const RequestStats& o) {
  succeeded_ += o.succeeded_;
  failed_ += o.failed_;
  for (std::size_t k = 0; k < failed_by_cause_.size(); ++k) {
    failed_by_cause_[k] += o.failed_by_cause_[k];
    failed_by_last_cause_[k] += o.failed_by_last_cause_[k];
  }
  outcome_tries_ += o.outcome_tries_;
  retries_ += o.retries_;
  tries_sent_ += o.tries_sent_;
  stale_tries_ += o.stale_tries_;
  latency_.merge(o.latency_);
}

double RequestStats::stale_route_rate() const {
  return tries_sent_ == 0 ? std::numeric_limits<double>::quiet_NaN()
                          : static_cast<double>(stale_tries_) / static_cast<double>(tries_sent_);
}

double RequestStats::failure_rate() const {
  return total() == 0 ? std::numeric_limits<double>::quiet_NaN()
                      : static_cast<double>(failed_) / static_cast<double>(total());
}

}  // namespace discolab::metrics

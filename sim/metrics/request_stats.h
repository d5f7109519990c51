// Outcomes of requests and the tries they sent: counts, failures by cause, latency, stale
// routes (docs/architecture.md, decision 3).
//
// A try is a *stale route* when its target instance is not ready at send time (gone,
// crashed, draining, never ready, or kNoInstance). Latency is that of successful requests,
// from issue to outcome (RequestOutcome::finished - started), in a LatencyHistogram (≤ 1%
// relative error on percentiles; exact mean and max). Everything here is O(1) and allocation
// free, since tens of millions of requests pass through per run. Which requests count
// (warmup) is the caller's decision.
#pragma once

#include <array>
#include <cstdint>

#include "patterns/core/observer.h"
#include "sim/metrics/latency_histogram.h"

namespace discolab::metrics {

// Every cause, in the fixed order used by the results files.
inline constexpr std::array<FailureCause, kFailureCauseCount> kFailureCauses = {
    FailureCause::refused,    FailureCause::timeout,       FailureCause::no_endpoint,
    FailureCause::lb_down,    FailureCause::registry_down, FailureCause::retries_exhausted,
    FailureCause::overloaded, FailureCause::reset,  // appended: files keep their column order
    FailureCause::dns_failed, FailureCause::downstream_failed,
};

class RequestStats {
 public:
  void try_sent(bool stale) {
    ++tries_sent_;
    if (stale) ++stale_tries_;
  }
  void request_done(const RequestOutcome& outcome);
  // Adds another's counts and latencies (e.g. every client group of a service).
  void merge(const RequestStats& other);

  std::uint64_t total() const { return succeeded_ + failed_; }
  std::uint64_t succeeded() const { return succeeded_; }
  std::uint64_t failed() const { return failed_; }
  // Failed requests by the last try's cause: tells refused from timed-out failures apart
  // when the request's own cause is retries_exhausted.
  std::uint64_t failed_by_last(FailureCause cause) const {
    return failed_by_last_cause_[static_cast<std::size_t>(cause)];
  }
  std::uint64_t failed_by(FailureCause cause) const {
    return failed_by_cause_[static_cast<std::size_t>(cause)];
  }
  // Tries as reported by the outcomes (RequestOutcome::tries), and those beyond the first.
  std::uint64_t outcome_tries() const { return outcome_tries_; }
  std::uint64_t retries() const { return retries_; }
  // Tries as reported by try_sent, and the stale ones among them.
  std::uint64_t tries_sent() const { return tries_sent_; }
  std::uint64_t stale_tries() const { return stale_tries_; }
  // NaN when nothing was sent / done.
  double stale_route_rate() const;
  double failure_rate() const;
  const LatencyHistogram& latency() const { return latency_; }

 private:
  std::uint64_t succeeded_ = 0;
  std::uint64_t failed_ = 0;
  std::array<std::uint64_t, kFailureCauseCount> failed_by_cause_{};
  std::array<std::uint64_t, kFailureCauseCount> failed_by_last_cause_{};
  std::uint64_t outcome_tries_ = 0;
  std::uint64_t retries_ = 0;
  std::uint64_t tries_sent_ = 0;
  std::uint64_t stale_tries_ = 0;
  LatencyHistogram latency_;
};

}  // namespace discolab::metrics

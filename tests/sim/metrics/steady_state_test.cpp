#include "sim/metrics/steady_state.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/metrics/auto_warmup.h"
#include "sim/metrics/summary_writer.h"
#include "tests/sim/metrics/test_support.h"

using discolab::InstanceId;
using discolab::RequestOutcome;
using discolab::SimTime;
using discolab::to_seconds;
using discolab::metrics::MetricsCollector;
using discolab::metrics::MetricsOptions;
using discolab::metrics::test::at;
using namespace std::chrono_literals;

namespace {

// Interval k (from k s to k + 1 s) completes k + 1 successes of latency (k + 1) ms and, when k
// is even, one failure; one try of the interval goes to an instance that is not ready when k
// is a multiple of 3, the others to a ready one. The engine's control-plane counter grows by
// 10 messages a second. The run ends at 12.5 s.
struct Run {
  SimTime now{};
  MetricsCollector m;
  explicit Run(MetricsOptions options) : m([this] { return now; }, options) {
    const auto caller = m.caller_opened("users", "web");
    m.instance_ready(1, "web");
    for (int k = 0; k < 13; ++k) {
      const double t0 = k;
      const int successes = k + 1;
      for (int i = 0; i < successes + (k % 2 == 0 ? 1 : 0); ++i) {
        now = at(t0 + 0.01 * (i + 1));
        m.try_sent(i == 0 && k % 3 == 0 ? InstanceId{99} : InstanceId{1}, caller);
        RequestOutcome o;
        o.started = at(t0 + 0.01 * (i + 1) - 0.001 * (k + 1));
        o.finished = now;
        o.ok = i < successes;
        o.tries = 1;
        o.caller = caller;
        m.request_done(o);
      }
      now = at(k + 1 < 13 ? k + 1.0 : 12.5);
      m.advance_to(now);
      m.control_messages_at(now, static_cast<std::uint64_t>(std::llround(10 * to_seconds(now))));
    }
    m.finish(now, {});
  }
};

}  // namespace

TEST_CASE("steady_state batches the measured full intervals, the leftover at the start",
          "[steady_state]") {
  MetricsOptions options;
  options.warmup = 2s;
  options.batches = 4;
  Run run(options);
  const auto s = discolab::metrics::steady_state_json(run.m);
  // Full intervals starting at or after 2 s: 2 … 11 (12 – 12.5 is short) = 10 → 4 batches of 2,
  // the first 2 left out: batches cover 4 – 12 s.
  CHECK(s["batches"] == 4);
  CHECK(s["intervals_per_batch"] == 2);
  CHECK(s["batch_s"].get<double>() == 2.0);
  CHECK(s["from_s"].get<double>() == 4.0);
  CHECK(s["to_s"].get<double>() == 12.0);
  CHECK(s["lag1_threshold"].get<double>() == 0.2);
  // Intervals 4 … 11: failures 4 (k = 4, 6, 8, 10) of Σ(k + 1) + 4 = 68 + 4 = 72 requests.
  CHECK(s["failure_rate"]["mean"].get<double>() == Approx(4.0 / 72.0));
  CHECK(s["failure_rate"]["batches"] == 4);
  // Every batch has one failure in (2k+1)+(2k+2)+1 requests: a falling rate, a real interval.
  CHECK(s["failure_rate"]["ci95_low"].get<double>() < 4.0 / 72.0);
  CHECK(s["failure_rate"]["ci95_high"].get<double>() > 4.0 / 72.0);
  // Latency: Σ (k + 1)² ms over Σ (k + 1) successes, k = 4 … 11.
  double sum = 0.0;
  double count = 0.0;
  for (int k = 4; k <= 11; ++k) {
    sum += (k + 1.0) * (k + 1.0);
    count += k + 1.0;
  }
  CHECK(s["latency_mean_ms"]["mean"].get<double>() == Approx(sum / count));
  // One stale try in intervals 6 and 9 of 72 tries.
  CHECK(s["stale_route_rate"]["mean"].get<double>() == Approx(2.0 / 72.0));
  // 10 messages a second in every batch: the mean, with no spread.
  CHECK(s["control_plane_messages_per_s"]["mean"].get<double>() == Approx(10.0));
  CHECK(s["control_plane_messages_per_s"]["half_width"].get<double>() == Approx(0.0));
  // No view was ever open.
  CHECK(s["stale_view_fraction"]["mean"].is_null());
  CHECK(s["stale_view_fraction"]["batches"] == 0);
}

TEST_CASE("steady_state is in summary.json, without control-plane samples that figure is null",
          "[steady_state]") {
  MetricsOptions options;
  options.batches = 3;
  SimTime now{};
  MetricsCollector m([&now] { return now; }, options);
  now = at(10);
  m.finish(now, {});
  const auto s = discolab::metrics::make_summary(m, {}, {});
  REQUIRE(s.contains("steady_state"));
  CHECK(s["steady_state"]["batches"] == 3);
  CHECK(s["steady_state"]["control_plane_messages_per_s"]["mean"].is_null());
  CHECK(s["steady_state"]["failure_rate"]["mean"].is_null());  // no request
}

TEST_CASE("at least two batches", "[steady_state]") {
  MetricsOptions options;
  options.batches = 1;
  CHECK_THROWS_AS(MetricsCollector([] { return SimTime{}; }, options), std::invalid_argument);
}

TEST_CASE("the MSER-5 warm-up starts after the intervals without a success", "[steady_state]") {
  // Run's intervals 0 … 12 all have successes, with latencies growing by 1 ms an interval: a
  // climb MSER-5 cannot see the end of in 12 full intervals (2 batches of five: d ≤ 1).
  MetricsOptions options;
  Run run(options);
  const auto w = discolab::metrics::mser5_warmup(run.m);
  CHECK(w.skipped_intervals == 0);
  CHECK(w.latency.batches == 2);
  CHECK(w.latency.truncation == 5);  // MSER(1) = 0 with one batch left
  CHECK(w.at_search_limit());
  CHECK(w.warmup == 5s);
}

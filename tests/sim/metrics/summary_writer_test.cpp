#include "sim/metrics/summary_writer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/sim/metrics/test_support.h"

using discolab::FailureCause;
using discolab::InstanceId;
using discolab::RequestOutcome;
using discolab::SimTime;
using discolab::metrics::MetricsCollector;
using discolab::metrics::MetricsOptions;
using discolab::metrics::PerfStats;
using discolab::metrics::RunInfo;
using discolab::metrics::TrafficCounters;
using discolab::metrics::test::read_file;
using namespace std::chrono_literals;

namespace {

// A small deterministic run: churn, two views, requests of every kind, traffic.
std::unique_ptr<MetricsCollector> small_run(SimTime& now) {
  MetricsOptions options;
  options.warmup = 1s;
  auto m = std::make_unique<MetricsCollector>([&now] { return now; }, options);
  const auto step = [&now](double s) { now = discolab::from_seconds(s); };
  step(0);
  const auto client = m->view_opened("client/caller-1", "web");
  const auto registry = m->view_opened("registry/main", "web");
  const discolab::CallerTag users = m->caller_opened("users", "web");
  const discolab::CallerTag batch = m->caller_opened("batch", "web");
  for (InstanceId i = 1; i <= 3; ++i) m->instance_ready(i, "web");
  step(0.2);
  m->view_changed(registry, std::vector<InstanceId>{1, 2, 3});
  step(0.7);
  m->view_changed(client, std::vector<InstanceId>{1, 2, 3});
  for (int k = 0; k < 400; ++k) {
    step(1.0 + 0.01 * k);
    const InstanceId target = 1 + static_cast<InstanceId>(k % 3);
    const discolab::CallerTag tag = k % 2 == 0 ? users : batch;
    m->try_sent(target, tag);
    step(1.0 + 0.01 * k + 0.001 * (1 + k % 7));
    RequestOutcome o;
    o.request_id = static_cast<std::uint64_t>(k);
    o.started = discolab::from_seconds(1.0 + 0.01 * k);
    o.finished = now;
    o.ok = k % 10 != 0;
    o.cause = k % 20 == 0 ? FailureCause::refused : FailureCause::timeout;
    o.last_cause = k % 40 == 0 ? FailureCause::overloaded : o.cause;
    o.tries = o.ok ? 1 : 2;
    o.caller = tag;
    m->request_done(o);
    if (o.ok) m->served(target);
    if (k == 150) {
      m->churn_event("crash", "instance/2", "web", "exit 137");
      m->instance_unready(2);
    }
    if (k == 250) m->view_changed(registry, std::vector<InstanceId>{1, 3});
    if (k == 300) m->instance_ready(4, "web");
  }
  m->count("registry.renewals", 12);
  step(6);
  TrafficCounters traffic;
  traffic.control = {{"registry", 120, 48000}, {"client", 60, 6000}};
  traffic.data = {{"client", 800, 80000}};
  m->finish(now, traffic);
  return m;
}

RunInfo run_info() { return {"client-side", 7, "fast", "0.1.0+test", {{"name", "quickstart"}}}; }

}  // namespace

TEST_CASE("summary.json has every key of the contract") {
  SimTime now{};
  const auto m = small_run(now);
  const auto s = discolab::metrics::make_summary(*m, run_info(), PerfStats{1.5, 1234, 42.0});
  for (const char* key : {"/pattern",
                          "/seed",
                          "/engine",
                          "/version",
                          "/scenario",
                          "/requests/total",
                          "/requests/succeeded",
                          "/requests/failed",
                          "/requests/failure_rate",
                          "/requests/failed_by_cause",
                          "/latency/mean_ms",
                          "/latency/p50_ms",
                          "/latency/p90_ms",
                          "/latency/p99_ms",
                          "/latency/p999_ms",
                          "/latency/max_ms",
                          "/staleness/propagation_p50_s",
                          "/staleness/propagation_p99_s",
                          "/staleness/propagation_max_s",
                          "/staleness/stale_view_fraction",
                          "/staleness/stale_route_rate",
                          "/control_plane/messages_per_s",
                          "/control_plane/bytes_per_s",
                          "/load/imbalance_cv",
                          "/perf/wall_s",
                          "/perf/events",
                          "/perf/peak_rss_mb",
                          "/counters/registry.renewals"}) {
    INFO(key);
    CHECK(s.contains(nlohmann::json::json_pointer(key)));
  }
  for (const auto cause : discolab::metrics::kFailureCauses) {
    CHECK(s["requests"]["failed_by_cause"].contains(std::string(discolab::to_string(cause))));
  }
  CHECK(s["pattern"] == "client-side");
  CHECK(s["seed"] == 7);
  CHECK(s["scenario"]["name"] == "quickstart");
  CHECK(s["requests"]["total"] == 400);
  CHECK(s["requests"]["failed"] == 40);
  CHECK(s["requests"]["failed_by_cause"]["refused"] == 20);
  CHECK(s["requests"]["failed_by_cause"]["timeout"] == 20);
  CHECK(s["requests"]["failed_by_cause"]["overloaded"] == 0);
  // The last try's cause is counted beside the request's own (k % 40 == 0: overloaded).
  CHECK(s["requests"]["failed_by_last_cause"]["overloaded"] == 10);
  CHECK(s["requests"]["failed_by_last_cause"]["refused"] == 10);
  CHECK(s["requests"]["failed_by_last_cause"]["timeout"] == 20);
  CHECK(s["requests"]["retries"] == 40);
  // 5 s measured after a 1 s warmup: 180 control messages → 36/s.
  CHECK(s["control_plane"]["messages_per_s"].get<double>() == Approx(36.0));
  CHECK(s["control_plane"]["bytes_per_s"].get<double>() == Approx(10800.0));
  CHECK(s["control_plane"]["by_component"]["registry"]["messages"] == 120);
  // 800 data-plane messages for 400 requests: 2 per request, a direct call's path.
  CHECK(s["data_plane"]["messages_per_request"].get<double>() == Approx(2.0));
  CHECK(s["latency"]["max_ms"].get<double>() == Approx(7.0).epsilon(1e-6));
  CHECK(s["perf"]["events"] == 1234);
  CHECK(s["counters"]["registry.renewals"] == 12);
  // After the warmup: instance 2's crash reaches the registry view only; neither view learns
  // of instance 4. The client view has no sample, so its percentiles are null (not NaN).
  CHECK(s["staleness"]["by_change"]["unready"]["propagation_pairs"] == 1);
  CHECK(s["staleness"]["by_component"]["registry"]["propagation_censored"] == 1);
  CHECK(s["staleness"]["by_component"]["client"]["propagation_censored"] == 2);
  CHECK(s["staleness"]["by_component"]["client"]["propagation_p50_s"].is_null());
  // The registry's own view apart from the consumers', each kind split by change.
  const auto& registry = s["staleness"]["by_component"]["registry"]["by_change"];
  CHECK(registry["unready"]["propagation_pairs"] == 1);
  CHECK(registry["unready"]["propagation_min_s"].get<double>() == Approx(1.002));
  CHECK(registry["unready"]["propagation_censored"] == 0);
  CHECK(registry["ready"]["propagation_pairs"] == 0);
  CHECK(registry["ready"]["propagation_censored"] == 1);
  CHECK(s["staleness"]["propagation_min_s"].get<double>() == Approx(1.002));
  const auto& consumers = s["staleness"]["consumers"];
  CHECK(consumers["propagation_pairs"] == 0);
  CHECK(consumers["propagation_censored"] == 2);
  CHECK(consumers["by_change"]["ready"]["propagation_censored"] == 1);
  CHECK(consumers["by_change"]["unready"]["propagation_censored"] == 1);
  CHECK(s["staleness"]["by_component"]["client"]["by_change"]["unready"]["propagation_censored"] ==
        1);
  // Tries to instance 2 after its crash at k = 150 are stale routes.
  CHECK(s["staleness"]["stale_route_rate"].get<double>() > 0.0);
}

TEST_CASE("summary.json breaks requests down per client group and per target service",
          "[by-client]") {
  SimTime now{};
  const auto m = small_run(now);
  const auto s = discolab::metrics::make_summary(*m, run_info(), PerfStats{1.5, 1234, 42.0});
  CHECK(s["user_facing_client"] == "users");  // the first group opened
  const auto& users = s["by_client"]["users"];
  const auto& batch = s["by_client"]["batch"];
  CHECK(users["services"] == nlohmann::json::array({"web"}));
  CHECK(users["requests"]["total"] == 200);
  CHECK(users["requests"]["failed"] == 40);  // every failing k is even
  CHECK(users["requests"]["failure_rate"].get<double>() == Approx(0.2));
  CHECK(users["requests"]["failed_by_cause"]["refused"] == 20);
  CHECK(users["requests"]["failed_by_last_cause"]["overloaded"] == 10);
  CHECK(batch["requests"]["total"] == 200);
  CHECK(batch["requests"]["failed"] == 0);
  CHECK(batch["latency"]["samples"] == 200);
  CHECK(users["latency"]["samples"] == 160);
  CHECK(users.contains("stale_route_rate"));
  // A service's figures merge every group calling it: here all of them.
  CHECK(s["by_service"]["web"]["requests"] == s["requests"]);
  for (const char* key : {"samples", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms"}) {
    INFO(key);
    CHECK(s["by_service"]["web"]["latency"][key] == s["latency"][key]);
  }
  CHECK(s["by_service"]["web"]["latency"]["mean_ms"].get<double>() ==
        Approx(s["latency"]["mean_ms"].get<double>()));
  CHECK(s["by_service"]["web"]["stale_route_rate"] == s["staleness"]["stale_route_rate"]);
}

TEST_CASE("the same inputs give byte-identical summary.json and timeseries.csv") {
  const auto dir = std::filesystem::temp_directory_path() / "discolab_metrics_summary_test";
  std::filesystem::create_directories(dir);
  std::string summaries[2];
  std::string series[2];
  for (int run = 0; run < 2; ++run) {
    SimTime now{};
    const auto m = small_run(now);
    // Perf differs between runs by nature; the rest must not.
    const auto s = discolab::metrics::make_summary(*m, run_info(), PerfStats{1.0, 10, 5.0});
    discolab::metrics::write_summary(dir / "summary.json", s);
    discolab::metrics::write_timeseries_csv(dir / "timeseries.csv", m->timeseries());
    discolab::metrics::write_client_timeseries_csv(dir / "by_client.csv", m->client_timeseries());
    summaries[run] = read_file(dir / "summary.json");
    series[run] = read_file(dir / "timeseries.csv") + read_file(dir / "by_client.csv");
  }
  CHECK(summaries[0] == summaries[1]);
  CHECK(series[0] == series[1]);
  // Warmup rows are marked (warmup 1 s, rows of 1 s): the first row only.
  CHECK(series[0].find("\n1,1,") != std::string::npos);
  CHECK(series[0].find("\n2,0,") != std::string::npos);
  CHECK(series[0].find(discolab::metrics::client_timeseries_csv_header() + "\n1,1,users,web,") !=
        std::string::npos);
  CHECK(summaries[0].find("\"pattern\": \"client-side\"") != std::string::npos);
  CHECK(series[0].rfind(discolab::metrics::timeseries_csv_header() + "\n1,", 0) == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the summary needs a finished run, peak RSS is positive") {
  MetricsCollector m([] { return SimTime{0}; });
  CHECK_THROWS_AS(discolab::metrics::make_summary(m, run_info(), {}), std::logic_error);
  CHECK(discolab::metrics::peak_rss_mb() > 0.0);
}

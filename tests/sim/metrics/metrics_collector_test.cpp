#include "sim/metrics/metrics_collector.h"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "tests/sim/metrics/test_support.h"

using discolab::FailureCause;
using discolab::InstanceId;
using discolab::RequestOutcome;
using discolab::SimTime;
using discolab::metrics::ClientTimeseriesRow;
using discolab::metrics::MetricsCollector;
using discolab::metrics::MetricsOptions;
using discolab::metrics::TimeseriesRow;
using discolab::metrics::test::at;
using discolab::metrics::test::read_file;
using namespace std::chrono_literals;

namespace {

// A collector on a clock the test sets.
struct Fixture {
  explicit Fixture(MetricsOptions options = {}) : m([this] { return now; }, std::move(options)) {}
  void set(double s) { now = at(s); }
  RequestOutcome outcome(double started, bool ok, FailureCause cause = FailureCause::timeout,
                         std::uint32_t tries = 1) const {
    RequestOutcome o;
    o.started = at(started);
    o.finished = now;
    o.ok = ok;
    o.cause = cause;
    o.tries = tries;
    return o;
  }

  SimTime now{};
  MetricsCollector m;
};

}  // namespace

TEST_CASE("a try is a stale route when its target is not ready at send time") {
  Fixture f;
  f.m.instance_ready(1, "web");
  f.m.try_sent(1, 0);                      // ready
  f.m.try_sent(2, 0);                      // never existed
  f.m.try_sent(discolab::kNoInstance, 0);  // no target at all
  f.set(1);
  f.m.instance_unready(1);
  f.m.try_sent(1, 0);  // gone
  f.m.instance_ready(1, "web");
  f.m.try_sent(1, 0);  // back
  const auto& r = f.m.requests();
  CHECK(r.tries_sent() == 5);
  CHECK(r.stale_tries() == 3);
  CHECK(r.stale_route_rate() == Approx(0.6));
}

TEST_CASE("failures are counted by cause, successes by latency, tries and retries") {
  Fixture f;
  f.set(2);
  // Cause number k fails k+1 times, so a mix-up between causes shows.
  int k = 0;
  for (const auto cause : discolab::metrics::kFailureCauses) {
    for (int n = 0; n <= k; ++n) f.m.request_done(f.outcome(1.5, false, cause, 3));
    ++k;
  }
  f.m.request_done(f.outcome(1.99, true));                            // 10 ms
  f.m.request_done(f.outcome(1.97, true, FailureCause::timeout, 2));  // 30 ms
  const auto& r = f.m.requests();
  constexpr std::uint64_t n = discolab::kFailureCauseCount * (discolab::kFailureCauseCount + 1) / 2;
  CHECK(r.failed() == n);  // 1 + 2 + … + kFailureCauseCount
  CHECK(r.succeeded() == 2);
  CHECK(r.total() == n + 2);
  k = 0;
  for (const auto cause : discolab::metrics::kFailureCauses) {
    CHECK(r.failed_by(cause) == static_cast<std::uint64_t>(k + 1));
    ++k;
  }
  CHECK(r.failure_rate() == Approx(static_cast<double>(n) / static_cast<double>(n + 2)));
  CHECK(r.outcome_tries() == n * 3 + 1 + 2);
  CHECK(r.retries() == n * 2 + 1);
  CHECK(r.latency().count() == 2);
  CHECK(r.latency().mean_s() == Approx(0.02).epsilon(1e-9));
  CHECK(r.latency().max_s() == Approx(0.03).epsilon(1e-9));
}

TEST_CASE("the warmup excludes requests issued and tries sent before it") {
  MetricsOptions options;
  options.warmup = 10s;
  Fixture f(options);
  f.set(9);
  f.m.try_sent(1, 0);
  f.set(11);
  f.m.request_done(f.outcome(9.5, false));  // issued during the warmup
  f.m.request_done(f.outcome(10, true));
  f.m.try_sent(1, 0);
  f.m.try_sent(1, 0);
  CHECK(f.m.requests().total() == 1);
  CHECK(f.m.requests().succeeded() == 1);
  CHECK(f.m.requests().tries_sent() == 2);
}

TEST_CASE("timeseries rows are emitted as time passes, with a partial last row") {
  Fixture f;
  std::vector<TimeseriesRow> streamed;
  f.m.on_interval_end([&](const TimeseriesRow& row, std::span<const ClientTimeseriesRow> groups) {
    streamed.push_back(row);
    CHECK(groups.empty());  // no client group opened
  });
  f.m.instance_ready(1, "web");
  f.set(0.5);
  f.m.try_sent(1, 0);
  f.m.request_done(f.outcome(0.49, true));  // 10 ms
  CHECK(streamed.empty());
  f.set(1.2);
  f.m.try_sent(2, 0);  // stale
  CHECK(streamed.size() == 1);
  f.m.request_done(f.outcome(1.0, false));
  f.set(1.7);
  f.m.try_sent(1, 0);
  f.m.request_done(f.outcome(1.68, true));  // 20 ms
  f.m.advance_to(at(3));                    // the engine's tick closes [1,2) and [2,3)
  CHECK(streamed.size() == 3);
  f.set(3.5);
  f.m.finish(at(3.5), {});

  const auto& rows = f.m.timeseries();
  REQUIRE(rows.size() == 4);
  CHECK(streamed.size() == 4);
  CHECK(rows[0].end == 1s);
  CHECK(rows[0].completed_per_s == 1.0);
  CHECK(rows[0].tries_per_s == 1.0);
  CHECK(rows[0].stale_routes_per_s == 0.0);
  CHECK(rows[0].latency_p50_ms == Approx(10.0).epsilon(1e-9));
  CHECK(rows[1].completed_per_s == 2.0);
  CHECK(rows[1].succeeded_per_s == 1.0);
  CHECK(rows[1].failed_per_s == 1.0);
  CHECK(rows[1].stale_route_rate == 0.5);
  CHECK(rows[1].latency_p99_ms == Approx(20.0).epsilon(1e-9));
  CHECK(rows[2].completed_per_s == 0.0);
  CHECK(std::isnan(rows[2].latency_p50_ms));
  CHECK(std::isnan(rows[2].stale_view_fraction));  // no view open
  CHECK(rows[3].start == 3s);
  CHECK(rows[3].end == at(3.5));
  CHECK(rows[3].ready_instances == 1);

  // … then propagation_pairs, its p50 and p99 (none), and the failures by cause: the failure
  // in [1,2) timed out, the second cause column.
  CHECK(discolab::metrics::to_csv_line(rows[1]) ==
        "2,0,2,1,1,2,1,0.5,20,20,,1,0,0,,,0,1,0,0,0,0,0,0,0,0");
  CHECK(discolab::metrics::to_csv_line(rows[3]) ==
        "3.5,0,0,0,0,0,0,,,,,1,0,0,,,0,0,0,0,0,0,0,0,0,0");
  const auto json = discolab::metrics::to_json(rows[2]);
  CHECK(json.at("t_s") == 3.0);
  CHECK(json.at("warmup") == 0);
  CHECK(json.at("latency_p50_ms").is_null());
}

TEST_CASE("interval stale-view fractions are time-averaged within each interval") {
  Fixture f;
  const auto v = f.m.view_opened("client/c", "web");
  f.set(0.25);
  f.m.instance_ready(1, "web");  // stale from 0.25 …
  f.set(1.5);
  const std::vector<InstanceId> one{1};
  f.m.view_changed(v, one);  // … to 1.5
  f.m.finish(at(2), {});
  const auto& rows = f.m.timeseries();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].stale_view_fraction == Approx(0.75).epsilon(1e-12));
  CHECK(rows[1].stale_view_fraction == Approx(0.5).epsilon(1e-12));
  CHECK(f.m.views().stale_view_fraction() == Approx(0.625).epsilon(1e-12));
  CHECK(f.m.views().propagation().delays.max_s() == Approx(1.25).epsilon(1e-12));
  // The pair resolved in [1, 2): its delay counts there, not where the change happened.
  CHECK(rows[0].propagation_pairs == 0);
  CHECK(std::isnan(rows[0].propagation_p50_s));
  CHECK(rows[1].propagation_pairs == 1);
  CHECK(rows[1].propagation_p50_s == Approx(1.25).epsilon(1e-12));
  CHECK(rows[1].propagation_p99_s == Approx(1.25).epsilon(1e-12));
}

TEST_CASE("interval propagation: pairs resolved in the interval, warmup changes included",
          "[timeseries]") {
  MetricsOptions options;
  options.warmup = 10s;
  Fixture f(options);
  const auto a = f.m.view_opened("client/a", "web");
  const auto b = f.m.view_opened("registry/r", "web");
  f.set(0.5);
  f.m.instance_ready(1, "web");  // during the warmup: not in the summary
  f.set(0.75);
  const std::vector<InstanceId> one{1};
  f.m.view_changed(b, one);  // 0.25 s
  f.set(2.5);
  f.m.view_changed(a, one);  // 2 s
  f.m.finish(at(3), {});
  const auto& rows = f.m.timeseries();
  REQUIRE(rows.size() == 3);
  CHECK(f.m.views().propagation().delays.count() == 0);
  CHECK(rows[0].propagation_pairs == 1);
  CHECK(rows[0].propagation_p50_s == Approx(0.25).epsilon(1e-9));
  CHECK(rows[1].propagation_pairs == 0);
  CHECK(rows[2].propagation_pairs == 1);
  CHECK(rows[2].propagation_p99_s == Approx(2.0).epsilon(1e-9));
  const auto json = discolab::metrics::to_json(rows[1]);
  CHECK(json.at("propagation_pairs") == 0);
  CHECK(json.at("propagation_p50_s").is_null());
}

TEST_CASE("interval failures by cause sum to the failed requests, in the columns' order",
          "[timeseries]") {
  Fixture f;
  f.set(0.5);
  // Cause number k fails k+1 times in [0, 1), so a mix-up between columns shows.
  int k = 0;
  for (const auto cause : discolab::metrics::kFailureCauses) {
    for (int n = 0; n <= k; ++n) f.m.request_done(f.outcome(0.25, false, cause));
    ++k;
  }
  f.m.request_done(f.outcome(0.4, true));
  f.m.finish(at(2), {});
  const auto& rows = f.m.timeseries();
  REQUIRE(rows.size() == 2);
  for (const TimeseriesRow& row : rows) {
    double sum = 0;
    for (const double v : row.failed_by_cause_per_s) sum += v;
    CHECK(sum == Approx(row.failed_per_s).epsilon(1e-12));
  }
  CHECK(rows[0].failed_per_s == 55.0);
  const std::string header = discolab::metrics::timeseries_csv_header();
  // The existing columns first, unchanged and in order; then the new ones.
  CHECK(header.rfind(
            "t_s,warmup,completed_per_s,succeeded_per_s,failed_per_s,tries_per_s,"
            "stale_routes_per_s,stale_route_rate,latency_p50_ms,latency_p99_ms,"
            "stale_view_fraction,ready_instances,open_views,propagation_pairs,propagation_p50_s,"
            "propagation_p99_s,failed_refused_per_s,failed_timeout_per_s,",
            0) == 0);
  const auto json = discolab::metrics::to_json(rows[0]);
  k = 0;
  for (const auto cause : discolab::metrics::kFailureCauses) {
    const std::string column = discolab::metrics::failed_cause_column(cause);
    CHECK(header.find(',' + column) != std::string::npos);
    CHECK(json.at(column) == k + 1.0);
    ++k;
  }
  // As many CSV fields as header columns.
  const std::string line = discolab::metrics::to_csv_line(rows[0]);
  CHECK(std::count(line.begin(), line.end(), ',') == std::count(header.begin(), header.end(), ','));
}

TEST_CASE("events: churn, truth changes and view rows, capped") {
  MetricsOptions options;
  options.max_view_event_rows = 2;
  Fixture f(options);
  f.m.churn_event("crash", "instance/4", "web", "exit 137, oom");
  f.set(1.25);
  f.m.instance_ready(5, "web");
  const auto v = f.m.view_opened("client/c", "web");
  const std::vector<InstanceId> members{5};
  f.m.view_changed(v, members);
  f.m.view_changed(v, std::vector<InstanceId>{});  // over the cap
  f.m.view_closed(v);                              // over the cap
  f.m.finish(at(2), {});
  const auto& rows = f.m.events().rows();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].kind == "crash");
  CHECK(rows[0].detail == "exit 137, oom");
  CHECK(rows[1].kind == "ready");
  CHECK(rows[1].subject == "instance/5");
  CHECK(rows[1].t == at(1.25));
  CHECK(rows[2].kind == "view_open");
  CHECK(rows[3].kind == "view");
  CHECK(rows[3].subject == "client/c");
  CHECK(rows[3].detail == "view=0 size=1 added=5 removed=");
  CHECK(f.m.events().view_rows_dropped() == 2);
}

TEST_CASE("events stream to a file, quoted where needed") {
  const auto path = std::filesystem::temp_directory_path() / "discolab_metrics_events_test.csv";
  {
    MetricsOptions options;
    options.events_csv = path;
    Fixture f(options);
    f.set(0.5);
    f.m.churn_event("host_down", "rack0-host1", "", "cause \"power\", rack 0");
    f.m.finish(at(1), {});
    CHECK(f.m.events().rows().empty());
    CHECK(f.m.events().rows_written() == 1);
  }
  CHECK(read_file(path) ==
        "t_s,kind,subject,service,detail\n"
        "0.5,host_down,rack0-host1,,\"cause \"\"power\"\", rack 0\"\n");
  std::filesystem::remove(path);
}

TEST_CASE("observer counts and served requests after the warmup") {
  MetricsOptions options;
  options.warmup = 1s;
  Fixture f(options);
  f.m.count("registry.acl_rejected");
  f.m.count("registry.acl_rejected", 4);
  f.m.count("dns.nxdomain");
  f.m.served(1, 100);  // during the warmup
  f.set(1);
  f.m.served(1, 7);
  CHECK(f.m.counters().at("registry.acl_rejected") == 5);
  CHECK(f.m.counters().at("dns.nxdomain") == 1);
  CHECK(f.m.load().served_by(1) == 7);
}

TEST_CASE("options are checked") {
  MetricsOptions options;
  options.interval = 0s;
  CHECK_THROWS_AS(MetricsCollector([] { return SimTime{0}; }, options), std::invalid_argument);
}

TEST_CASE("tries and outcomes are also counted per client group and target service",
          "[by-client]") {
  MetricsOptions options;
  options.warmup = 1s;
  Fixture f(options);
  const auto users = f.m.caller_opened("users", "web");
  const auto api = f.m.caller_opened("web-to-api", "api");
  CHECK(f.m.caller_opened("users", "web") == users);  // callers of a group share the tag
  CHECK(users != 0);
  CHECK(api != users);
  f.m.instance_ready(1, "web");
  f.m.instance_ready(2, "api");
  f.set(0.5);  // in the warmup: timeseries only
  f.m.try_sent(1, users);
  auto o = f.outcome(0.49, true);
  o.caller = users;
  f.m.request_done(o);
  f.set(1.5);
  f.m.try_sent(1, users);
  o = f.outcome(1.49, true);  // 10 ms
  o.caller = users;
  f.m.request_done(o);
  f.m.try_sent(3, api);  // stale
  o = f.outcome(1.2, false, FailureCause::refused);
  o.caller = api;
  f.m.request_done(o);
  f.m.try_sent(1, 0);  // untagged: only in the merged figures
  f.m.request_done(f.outcome(1.4, true));
  f.set(2.5);
  f.m.finish(at(2.5), {});

  CHECK(f.m.requests().total() == 3);
  const auto& groups = f.m.client_groups();
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].client == "users");
  CHECK(groups[0].service == "web");
  CHECK(groups[0].requests.total() == 1);
  CHECK(groups[0].requests.succeeded() == 1);
  CHECK(groups[0].requests.stale_tries() == 0);
  CHECK(groups[0].requests.latency().quantile_s(0.5) == Approx(0.01).epsilon(0.01));
  CHECK(groups[1].client == "web-to-api");
  CHECK(groups[1].requests.failed_by(FailureCause::refused) == 1);
  CHECK(groups[1].requests.stale_route_rate() == 1.0);

  const auto& rows = f.m.client_timeseries();
  REQUIRE(rows.size() == 3 * 2);  // 3 intervals × 2 groups
  CHECK(rows[0].client == "users");
  CHECK(rows[0].row.warmup);
  CHECK(rows[0].row.completed_per_s == 1.0);
  CHECK(rows[1].client == "web-to-api");
  CHECK(rows[1].row.completed_per_s == 0.0);
  CHECK_FALSE(rows[2].row.warmup);
  CHECK(rows[3].row.failed_per_s == 1.0);
  CHECK(rows[3].row.stale_route_rate == 1.0);
  CHECK(f.m.timeseries()[0].warmup);
  CHECK_FALSE(f.m.timeseries()[1].warmup);
  CHECK(f.m.timeseries()[1].completed_per_s == 3.0);
  CHECK(rows[3].row.failed_by_cause_per_s[static_cast<std::size_t>(FailureCause::refused)] == 1.0);
  const auto json = discolab::metrics::to_json(rows[3]);
  CHECK(json.at("client") == "web-to-api");
  CHECK(json.at("service") == "api");
  CHECK(json.at("failed_refused_per_s") == 1.0);
  CHECK_FALSE(json.contains("t_s"));
  const std::string line = discolab::metrics::to_csv_line(rows[3]);
  const std::string header = discolab::metrics::client_timeseries_csv_header();
  CHECK(header.rfind("t_s,warmup,client,service,completed_per_s,failed_per_s,latency_p50_ms,"
                     "latency_p99_ms,stale_route_rate,failed_refused_per_s,",
                     0) == 0);
  CHECK(std::count(line.begin(), line.end(), ',') == std::count(header.begin(), header.end(), ','));
}

TEST_CASE("client group rows sum to the interval's totals when every caller is tagged",
          "[by-client]") {
  Fixture f;
  std::vector<std::vector<ClientTimeseriesRow>> streamed;
  f.m.on_interval_end([&](const TimeseriesRow&, std::span<const ClientTimeseriesRow> groups) {
    streamed.emplace_back(groups.begin(), groups.end());
  });
  const auto users = f.m.caller_opened("users", "web");
  const auto admins = f.m.caller_opened("admins", "web");
  const auto api = f.m.caller_opened("web-to-api", "api");
  f.m.instance_ready(1, "web");
  const std::array tags{users, admins, api};
  const std::array causes{FailureCause::timeout, FailureCause::refused, FailureCause::no_endpoint};
  // Interval k: group g completes 2 + g + k requests, the first 2 failed by its cause.
  for (int k = 0; k < 3; ++k) {
    f.set(k + 0.5);
    for (std::size_t g = 0; g < tags.size(); ++g) {
      for (int n = 0; n < 2 + static_cast<int>(g) + k; ++n) {
        f.m.try_sent(n % 2 == 0 ? 1 : 2, tags[g]);
        auto o = f.outcome(k + 0.25, n >= 2, causes[g]);
        o.caller = tags[g];
        f.m.request_done(o);
      }
    }
  }
  f.m.finish(at(3), {});
  const auto& rows = f.m.timeseries();
  REQUIRE(rows.size() == 3);
  REQUIRE(streamed.size() == 3);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    REQUIRE(streamed[k].size() == 3);
    double completed = 0, failed = 0;
    std::array<double, discolab::kFailureCauseCount> by_cause{};
    for (const ClientTimeseriesRow& g : streamed[k]) {
      CHECK(g.row.end == rows[k].end);
      completed += g.row.completed_per_s;
      failed += g.row.failed_per_s;
      for (std::size_t c = 0; c < by_cause.size(); ++c)
        by_cause[c] += g.row.failed_by_cause_per_s[c];
    }
    CHECK(completed == Approx(rows[k].completed_per_s));
    CHECK(failed == Approx(rows[k].failed_per_s));
    for (std::size_t c = 0; c < by_cause.size(); ++c)
      CHECK(by_cause[c] == Approx(rows[k].failed_by_cause_per_s[c]));
  }
  CHECK(rows[2].completed_per_s == 4 + 5 + 6);
  CHECK(rows[2].failed_by_cause_per_s[static_cast<std::size_t>(FailureCause::no_endpoint)] == 2);
  // The streamed rows are the ones kept for timeseries_by_client.csv.
  CHECK(f.m.client_timeseries().size() == 9);
  CHECK(f.m.client_timeseries()[8].row.failed_per_s == streamed[2][2].row.failed_per_s);
}

TEST_CASE("disruptions reach the churn callback as they are logged, lifecycle rows do not",
          "[timeseries]") {
  Fixture f;
  std::vector<std::string> seen;
  f.m.on_churn([&](const MetricsCollector::Churn& c) {
    seen.push_back(std::string(c.kind) + " " + std::string(c.subject) + " " +
                   std::to_string(discolab::to_seconds(c.t)));
  });
  f.set(1);
  f.m.churn_event("scheduled", "web-0", "web", "host1");
  f.m.instance_ready(1, "web");
  f.m.churn_event("crash", "web-0", "web", "exit 137");
  f.set(2);
  f.m.churn_event("host_down", "host1");
  f.m.churn_event("rolling_update", "web", "web", "started v2");
  f.m.churn_event("component_down", "lb/0");
  f.m.finish(at(3), {});
  CHECK(seen == std::vector<std::string>{"crash web-0 1.000000", "host_down host1 2.000000",
                                         "rolling_update web 2.000000",
                                         "component_down lb/0 2.000000"});
  CHECK(f.m.events().rows().size() == 6);  // everything is in events.csv
}

TEST_CASE("nothing is recorded after finish: views closed at teardown leave events alone") {
  const auto dir = std::filesystem::temp_directory_path() / "discolab-collector-teardown";
  std::filesystem::create_directories(dir);
  MetricsOptions options;
  options.events_csv = dir / "events.csv";
  Fixture f(options);
  const auto v = f.m.view_opened("client/c", "web");
  f.m.instance_ready(1, "web");
  f.set(1.5);
  f.m.finish(at(2), {});
  const auto rows = f.m.events().rows_written();
  const auto before = read_file(dir / "events.csv");
  f.m.view_closed(v);  // a component destroyed after the run
  f.m.try_sent(1, 0);
  f.m.churn_event("crash", "instance/1", "web", "");
  CHECK(f.m.events().rows_written() == rows);
  CHECK(read_file(dir / "events.csv") == before);
  CHECK(f.m.requests().tries_sent() == 0);
  std::size_t lines = 0;
  for (char c : before) lines += c == '\n' ? 1 : 0;
  CHECK(lines == rows + 1);  // the header and every row counted
  std::filesystem::remove_all(dir);
}

TEST_CASE("a view read is a stale answer while the view differs from the ready set") {
  Fixture f;
  f.m.instance_ready(1, "web");
  const auto view = f.m.view_opened("client/users-0", "web");
  const std::vector<InstanceId> one{1};
  f.m.view_changed(view, one);
  f.m.view_read(view);  // agrees
  f.set(1);
  f.m.instance_unready(1);
  f.m.instance_ready(2, "web");
  f.m.view_read(view);  // still {1}: stale
  f.m.view_read(view);
  const std::vector<InstanceId> two{2};
  f.m.view_changed(view, two);
  f.m.view_read(view);  // fresh again
  const auto& c = f.m.counters();
  REQUIRE(c.count("view_reads.client") == 1);
  CHECK(c.at("view_reads.client") == 4);
  CHECK(c.at("view_reads_stale.client") == 2);
}

#include "sim/run/run.h"

#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "sim/cluster/cluster.h"
#include "sim/cluster/workload.h"
#include "sim/engine/engine.h"
#include "sim/metrics/auto_warmup.h"
#include "sim/metrics/metrics_collector.h"
#include "sim/metrics/summary_writer.h"
#include "sim/metrics/timeseries.h"
#include "sim/platform/platform.h"
#include "sim/run/interrupt.h"
#include "sim/run/pattern_factory.h"
#include "sim/run/results_folder.h"
#include "sim/run/topology_file.h"
#include "sim/scenario/resolved_writer.h"
#include "sim/scenario/units.h"
#include "sim/version.h"

namespace discolab {
namespace {

// The cluster's ground truth, churn and served requests go to the metrics collector.
class MetricsClusterEvents final : public ClusterEvents {
 public:
  explicit MetricsClusterEvents(metrics::MetricsCollector& m) : m_(m) {}
  void instance_ready(InstanceId id, std::string_view service) override {
    m_.instance_ready(id, service);
  }
  void instance_unready(InstanceId id) override { m_.instance_unready(id); }
  void churn(std::string_view kind, std::string_view subject, std::string_view service,
             std::string_view detail) override {
    m_.churn_event(kind, subject, service, detail);
  }
  void served(InstanceId id) override { m_.served(id); }

 private:
  metrics::MetricsCollector& m_;
};

metrics::TrafficCounters traffic_of(const Engine& engine) {
  metrics::TrafficCounters t;
  for (const auto& c : engine.all_traffic()) {
    auto& list = c.plane == Plane::control ? t.control : t.data;
    list.push_back({c.component, c.traffic.messages, c.traffic.bytes});
  }
  return t;
}

// Every component's control-plane messages so far.
std::uint64_t control_messages(const Engine& engine) {
  std::uint64_t total = 0;
  for (const auto& c : engine.all_traffic())
    if (c.plane == Plane::control) total += c.traffic.messages;
  return total;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

metrics::MetricsOptions metrics_options(const Scenario& scenario) {
  metrics::MetricsOptions options;
  options.interval = scenario.metrics.interval;
  options.warmup = scenario.metrics.warmup;
  options.batches = static_cast<std::size_t>(scenario.metrics.batches);
  return options;
}

// Builds the pattern, the cluster and the callers on `engine`, runs the scenario in metrics
// intervals into `collector` (reporting to `progress` when given), tears everything down and
// finishes the collector. `partial` is the staging folder an interrupt removes.
void simulate(const Scenario& scenario, const Platform& platform, Engine& engine,
              metrics::MetricsCollector& collector, Progress* progress,
              const std::filesystem::path& partial) {
  engine.set_observer(collector);
  // Declared after the collector: the pattern's components report to it until destroyed.
  std::unique_ptr<DiscoveryPattern> pattern =
      make_pattern(scenario.pattern, engine, scenario, platform);
  MetricsClusterEvents cluster_events(collector);

  std::vector<HostInfo> hosts;
  for (HostId h = 0; h < platform.host_count(); ++h)
    hosts.push_back({platform.host_name(h), platform.zone_of(h)});
  // Held by pointer so that the run can tear it down before the collector finishes.
  auto cluster =
      std::make_unique<Cluster>(engine, scenario, hosts, *pattern, cluster_events,
                                [&engine](HostId h, bool up) { engine.set_host_up(h, up); });
  InterruptWatch::check(partial);

  pattern->start();
  // Each client's callers start (discovery, then traffic) at the client's `start`, or
  // kClientJoinDelay after the initial deployment is ready: real clients join a running
  // cluster.
  struct StartingCaller {
    Caller* caller;
    std::unique_ptr<CallerWorkload> workload;
    void start() {
      caller->start();
      workload->start();
    }
  };
  std::vector<StartingCaller> callers;
  std::vector<std::size_t> start_with_deployment;  // indexes into callers
  std::uint64_t caller_index = 0;
  const RouteTable routes = route_table(scenario);
  for (const ClientSpec& client : scenario.clients) {
    for (int i = 0; i < client.count; ++i, ++caller_index) {
      CallerInfo info;
      info.name = client.name + "-" + std::to_string(i);
      info.group = client.name;
      info.host = client_caller_host(caller_index, hosts.size());
      info.target_service = client.target;
      info.try_timeout = client.timeout;
      info.max_retries = static_cast<std::uint32_t>(client.retries);
      info.external = client.external;
      Caller& caller = pattern->add_caller(info);
      callers.push_back(
          {&caller, std::make_unique<CallerWorkload>(engine, client, info.name, caller,
                                                     caller_index << 40, scenario.duration)});
      callers.back().workload->set_route(routes.id_of(client.route));
      if (!client.start) {
        start_with_deployment.push_back(callers.size() - 1);
      } else if (*client.start < scenario.duration) {
        engine.schedule(*client.start, [&callers, k = callers.size() - 1] { callers[k].start(); });
      }
    }
  }
  cluster->on_deployment_ready([&engine, &callers, &start_with_deployment] {
    engine.schedule(kClientJoinDelay, [&callers, &start_with_deployment] {
      for (const std::size_t k : start_with_deployment) callers[k].start();
    });
  });
  cluster->start();
  InterruptWatch::check(partial);
  if (progress != nullptr) progress->update(SimTime{0});

  // Run in metrics intervals, taking the traffic counters at the end of the warmup.
  const SimTime end = scenario.duration;
  bool warmup_taken = scenario.metrics.warmup <= SimTime{0};
  for (SimTime t = std::min(scenario.metrics.interval, end);;
       t = std::min(t + scenario.metrics.interval, end)) {
    if (!warmup_taken && t >= scenario.metrics.warmup) {
      engine.run_until(scenario.metrics.warmup);
      collector.set_warmup_traffic(traffic_of(engine));
      warmup_taken = true;
    }
    engine.run_until(t);
    collector.advance_to(t);
    collector.control_messages_at(t, control_messages(engine));
    if (progress != nullptr) progress->update(t);
    InterruptWatch::check(partial);
    if (t >= end) break;
  }
  // The run's end: the figures are final. Then tear everything down, newest first (the
  // workloads, the cluster, the pattern), so that the views its components close are closed
  // at the run's end in events.csv, before finish() closes the file and before the summary
  // is made: nothing happens after the results are written. The traffic is taken before the
  // teardown, which sends nothing anyway.
  collector.end_run(end);
  const metrics::TrafficCounters traffic = traffic_of(engine);
  callers.clear();
  cluster.reset();
  pattern.reset();
  collector.finish(end, traffic);
}

// metrics.warmup: auto — the same run (same seed, same engine kind) once without a warm-up,
// read by MSER-5. The fast engine is deterministic, so the second pass repeats it exactly.
metrics::AutoWarmup mser5_warmup(const Scenario& scenario, const Platform& platform,
                                 const std::filesystem::path& partial) {
  std::unique_ptr<Engine> engine = make_engine(scenario.engine, platform, scenario.seed);
  metrics::MetricsOptions options = metrics_options(scenario);
  options.warmup = Duration{};
  options.max_view_event_rows = 0;  // events in memory, but no view rows: only churn
  metrics::MetricsCollector collector(*engine, options);
  simulate(scenario, platform, *engine, collector, nullptr, partial);
  return metrics::mser5_warmup(collector);
}

}  // namespace

RunResult run_simulation(const RunRequest& request, Progress& progress) {
  InterruptWatch interrupts;
  Scenario scenario = request.scenario;
  if (request.pattern) scenario.pattern = *request.pattern;
  if (request.seed) scenario.seed = *request.seed;
  if (request.engine) scenario.engine = *request.engine;

  // Everything that can be refused is checked before a folder is created.
  if (scenario.metrics.warmup_auto && scenario.engine != "fast")
    throw std::invalid_argument(
        "metrics.warmup: auto runs the scenario twice in one process, which the " +
        scenario.engine +
        " engine cannot (one SimGrid engine per process, docs/architecture.md); give a fixed "
        "warm-up, e.g. the one a fast-engine run with auto chose (summary.json run.warmup_s)");
  const Platform platform = load_checked_platform(scenario);
  std::unique_ptr<Engine> engine = make_engine(scenario.engine, platform, scenario.seed);
  interrupts.rearm();  // creating SimGrid's engine installed its own SIGINT handler
  check_pattern(scenario.pattern, scenario, platform);

  const ScenarioSize size = scenario_size(scenario, platform.host_count());
  // metrics.warmup: auto simulates the run twice.
  const double estimate =
      estimated_wall_s(size, scenario.engine) * (scenario.metrics.warmup_auto ? 2.0 : 1.0);
  if (request.on_plan) request.on_plan(size, estimate);
  if (auto why = needs_confirmation(size, estimate); why && !request.confirmed) {
    throw std::invalid_argument(*why +
                                "; add --yes to run it anyway, or make the scenario smaller");
  }

  const std::filesystem::path target =
      request.out.empty()
          ? default_results_dir(request.results_root, scenario.name,
                                request.preset.empty() ? scenario.pattern : request.preset,
                                scenario.seed, scenario.engine,
                                overrides_tag(request.set_overrides))
          : request.out;
  for (const auto& stale : remove_stale_staging(normalise_results_path(target).parent_path()))
    progress.notice("removed partial results " + stale.string() + " of a run that was killed");
  ResultsFolder folder(target, request.replace);
  const std::filesystem::path& partial = folder.staging();
  InterruptWatch::check(partial);

  // The start line comes before the heavy setup, so large scenarios show life at once.
  progress.start({{"scenario", scenario.name},
                  {"pattern", scenario.pattern},
                  {"seed", scenario.seed},
                  {"engine", scenario.engine},
                  {"version", kVersion},
                  {"duration_s", to_seconds(scenario.duration)},
                  {"folder", folder.target().string()},
                  {"size",
                   {{"hosts", size.hosts},
                    {"services", size.services},
                    {"containers", size.containers},
                    {"callers", size.callers},
                    {"offered_requests", size.offered_requests}}},
                  {"estimated_wall_s", estimate}});
  progress.setting_up("setting up " + count_of(size.containers, "container", "containers") +
                      " and " + count_of(size.callers, "caller", "callers") + " on " +
                      count_of(static_cast<long long>(size.hosts), "host", "hosts") + " …");

  std::string warmup_rule = "fixed";
  if (scenario.metrics.warmup_auto) {
    progress.setting_up("metrics.warmup auto: a first pass without warm-up, for MSER-5 …");
    const metrics::AutoWarmup chosen = mser5_warmup(scenario, platform, partial);
    scenario.metrics.warmup = chosen.warmup;
    warmup_rule = "mser-5";
    if (chosen.at_search_limit())
      progress.notice(
          "metrics.warmup auto: MSER-5 found no steady state in the first half of "
          "the run (warm-up " +
          format_duration(chosen.warmup) + "); lengthen the run");
  }

  metrics::MetricsOptions options = metrics_options(scenario);
  options.events_csv = folder.staging() / "events.csv";
  metrics::MetricsCollector collector(*engine, options);
  collector.on_interval_end(
      [&](const metrics::TimeseriesRow& row, std::span<const metrics::ClientTimeseriesRow> groups) {
        nlohmann::json j = metrics::to_json(row);
        if (!groups.empty()) {
          nlohmann::json& by_client = j["by_client"] = nlohmann::json::array();
          for (const metrics::ClientTimeseriesRow& g : groups)
            by_client.push_back(metrics::to_json(g));
        }
        progress.row(j);
      });
  collector.on_churn([&](const metrics::MetricsCollector::Churn& c) {
    progress.churn(c.t, c.kind, c.subject, c.service, c.detail);
  });
  simulate(scenario, platform, *engine, collector, &progress, partial);

  std::vector<std::string> overrides = request.preset_overrides;
  overrides.insert(overrides.end(), request.set_overrides.begin(), request.set_overrides.end());
  const RunStamp stamp{scenario.seed, scenario.engine, scenario.pattern, kVersion,
                       std::move(overrides)};
  metrics::RunInfo info{scenario.pattern, scenario.seed, scenario.engine, kVersion, scenario.name};
  metrics::PerfStats perf{progress.wall_seconds(), engine->events_processed(),
                          metrics::peak_rss_mb()};
  nlohmann::json summary = metrics::make_summary(collector, info, perf);
  summary["run"]["warmup_rule"] = warmup_rule;

  metrics::write_summary(folder.staging() / "summary.json", summary);
  metrics::write_timeseries_csv(folder.staging() / "timeseries.csv", collector.timeseries());
  metrics::write_client_timeseries_csv(folder.staging() / "timeseries_by_client.csv",
                                       collector.client_timeseries());
  write_text(folder.staging() / "scenario.resolved.yaml", to_resolved_yaml(scenario, stamp));
  write_topology(folder.staging() / "topology.json", scenario, platform);
  InterruptWatch::check(partial);  // a signal during the writing still means "stop"
  folder.commit();
  return RunResult{folder.target(), std::move(summary)};
}

}  // namespace discolab

// The figures table: every number discolab writes, declared once (figures.h explains the
// model: blocks of figures, and the scopes where each block appears).
//
// `discolab figures --markdown` prints this table as docs/metrics.md's reference section.
// Writers name keys through figure_key()/family_key(), which are consteval: a key that is not
// declared here does not compile.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace discolab::metrics {

enum class Better : unsigned char { lower, higher, neither };

// One figure of a block. `key` is relative to where the block appears; a `<name>` segment is
// a family (one key per cause, component …).
struct Figure {
  std::string_view key;
  std::string_view unit;   // "ms", "s", "fraction", "1/s", "B/s", "requests" …; "" for text
  std::string_view label;  // short, for tables
  Better better = Better::neither;
  std::string_view definition;  // one paragraph, Markdown
  std::string_view samples{};   // a percentile's sample count: a key of the same block
  double quantile = 0.0;        // a percentile's q (0 for other figures)
};

// Figures that always appear together.
struct FigureBlock {
  std::string_view name;
  std::span<const Figure> figures;
};

// Where a block appears: in which file, under which key prefix (families as `<name>`), and
// what the scope restricts the block's definitions to.
struct FigureScope {
  std::string_view file;    // "summary.json", "timeseries.csv", "timeseries_by_client.csv"
  std::string_view prefix;  // "" or ending in '.'
  const FigureBlock* block;
  std::string_view about;    // "" for the block as defined
  std::string_view label{};  // put before the figures' labels ("control " → "control msg/s")
};

namespace table {

inline constexpr std::array kRun{
    Figure{"end_s", "s", "run end", Better::neither, "Simulated time at which the run ended."},
    Figure{"warmup_s", "s", "warmup", Better::neither,
           "The warmup (`metrics.warmup` of the scenario)."},
    Figure{"measured_s", "s", "measured time", Better::neither,
           "`end_s − warmup_s`: the denominator of every `*_per_s` in the summary."},
    Figure{"interval_s", "s", "interval", Better::neither, "The timeseries interval."},
    Figure{"warmup_rule", "", "warmup rule", Better::neither,
           "How the warmup was chosen: `fixed` (a duration) or `mser-5` (`metrics.warmup: "
           "auto`, two passes)."},
};

inline constexpr std::array kIdentity{
    Figure{"pattern", "", "pattern", Better::neither, "The pattern run, as given."},
    Figure{"seed", "", "seed", Better::neither, "The seed, as given."},
    Figure{"engine", "", "engine", Better::neither, "The engine, as given."},
    Figure{"version", "", "version", Better::neither,
           "The discolab version (it includes the git commit)."},
    Figure{"scenario", "", "scenario", Better::neither, "The resolved scenario, as given."},
    Figure{"user_facing_client", "", "user-facing client", Better::neither,
           "The user-facing client group: the first one opened (the first client of the "
           "scenario with callers); null without callers."},
};

inline constexpr std::array kRequests{
    Figure{"total", "requests", "requests", Better::neither,
           "Requests *issued* at or after the warmup (`RequestOutcome::started ≥ warmup`) whose "
           "outcome arrived before the end."},
    Figure{"succeeded", "requests", "succeeded", Better::higher,
           "Those of `total` that succeeded."},
    Figure{"failed", "requests", "failed", Better::lower, "Those of `total` that failed."},
    Figure{"failure_rate", "fraction", "failed requests", Better::lower,
           "`failed / total` (null without requests)."},
    Figure{"failed_by_cause.<cause>", "requests", "failed by cause", Better::lower,
           "Failures by `FailureCause` (patterns/core/observer.h): `refused`, `timeout`, "
           "`no_endpoint`, `lb_down`, `registry_down`, `retries_exhausted`, `overloaded`, "
           "`reset` (the instance's process crashed with the try queued or in service; a failed "
           "host gives `timeout` instead), `dns_failed` (every resolver try unanswered or "
           "refused), `downstream_failed` (the instance failed the request because a call it "
           "made failed); all present, zeros included. A request whose every allowed try "
           "failed, with retries allowed, is `retries_exhausted`."},
    Figure{"failed_by_last_cause.<cause>", "requests", "failed by last try's cause", Better::lower,
           "The same failures by the cause of their *last* try, so refused and timed-out "
           "failures stay apart when retries were exhausted (never `retries_exhausted` "
           "itself)."},
    Figure{"tries", "tries", "tries", Better::neither,
           "Sum of `RequestOutcome::tries` over `total`."},
    Figure{"retries", "tries", "retries", Better::lower, "Sum of `tries − 1` over `total`."},
    Figure{"tries_per_request", "tries", "tries per request", Better::lower,
           "`tries / total` (null without requests)."},
    Figure{"tries_sent", "tries", "tries sent", Better::neither,
           "Tries reported by `try_sent` at or after the warmup."},
    Figure{"stale_tries", "tries", "stale tries", Better::lower,
           "Those of `tries_sent` whose target was not ready when sent."},
};

inline constexpr std::string_view kPercentileOf =
    " percentile of the latency (`finished − started`) of the successes among "
    "`requests.total`, from the histogram (within 1 % of the exact sample percentile); null "
    "with fewer samples than the sample rule asks.";

inline constexpr std::array kLatency{
    Figure{"samples", "requests", "latency samples", Better::neither,
           "Successes among `requests.total`: the samples of every latency figure."},
    Figure{"mean_ms", "ms", "latency mean", Better::lower,
           "Exact mean of `finished − started` of those successes (null without any)."},
    Figure{"p50_ms", "ms", "latency p50", Better::lower,
           "The 50th percentile (median) of the latency (`finished − started`) of the successes "
           "among `requests.total`, from the histogram (within 1 % of the exact sample "
           "percentile); null with fewer samples than the sample rule asks.",
           "samples", 0.50},
    Figure{"p90_ms", "ms", "latency p90", Better::lower,
           "The 90th percentile of the latency of those successes, as `p50_ms`.", "samples", 0.90},
    Figure{"p99_ms", "ms", "latency p99", Better::lower,
           "The 99th percentile of the latency of those successes, as `p50_ms`.", "samples", 0.99},
    Figure{"p999_ms", "ms", "latency p99.9", Better::lower,
           "The 99.9th percentile of the latency of those successes, as `p50_ms`.", "samples",
           0.999},
    Figure{"max_ms", "ms", "latency max", Better::lower,
           "Exact maximum of the latency of those successes (null without any)."},
};

inline constexpr std::array kSlice{
    Figure{"stale_route_rate", "fraction", "stale routes", Better::lower,
           "`stale_tries / tries_sent` of this slice's tries."},
};

inline constexpr std::array kPropagation{
    Figure{"propagation_pairs", "pairs", "propagation samples", Better::neither,
           "Reflected (change, view) pairs: the samples of the `propagation_*_s` figures."},
    Figure{"propagation_p50_s", "s", "propagation p50", Better::lower,
           "Median propagation delay over the reflected (change, view) pairs (see Propagation "
           "delay); null with fewer samples than the sample rule asks.",
           "propagation_pairs", 0.50},
    Figure{"propagation_p99_s", "s", "propagation p99", Better::lower,
           "99th percentile of the propagation delay, as `propagation_p50_s`.", "propagation_pairs",
           0.99},
    Figure{"propagation_min_s", "s", "propagation min", Better::lower,
           "Shortest propagation delay (0 whenever a view reflected a change at once)."},
    Figure{"propagation_max_s", "s", "propagation max", Better::lower,
           "Longest propagation delay among reflected pairs."},
    Figure{"propagation_mean_s", "s", "propagation mean", Better::lower,
           "Mean propagation delay over reflected pairs."},
    Figure{"propagation_superseded", "pairs", "superseded pairs", Better::neither,
           "Pairs whose change was undone by the truth before the view reflected it."},
    Figure{"propagation_censored", "pairs", "censored pairs", Better::lower,
           "Pairs still pending at the end of the run."},
    Figure{"propagation_closed", "pairs", "closed pairs", Better::neither,
           "Pairs pending when their view closed."},
    Figure{"propagation_censored_max_age_s", "s", "oldest censored pair", Better::lower,
           "Longest wait among censored pairs (0 if none): a lower bound on their delay."},
};

inline constexpr std::array kViews{
    Figure{"stale_view_fraction", "fraction", "stale views (time-avg)", Better::lower,
           "Time-averaged stale-view fraction from the warmup (see Stale-view fraction)."},
    Figure{"stale_route_rate", "fraction", "stale routes", Better::lower,
           "`requests.stale_tries / requests.tries_sent`."},
    Figure{"views_opened", "views", "views opened", Better::neither,
           "Views opened during the run (warmup included)."},
};

inline constexpr std::array kKindViews{
    Figure{"stale_view_fraction", "fraction", "stale views (time-avg)", Better::lower,
           "The time-averaged stale-view fraction over this component kind's views only."},
};

inline constexpr std::array kTraffic{
    Figure{"messages", "messages", "messages", Better::lower,
           "Messages of this plane sent after the warmup (the engine's counters at the end "
           "minus those at the warmup, when the run gives them; otherwise the whole run)."},
    Figure{"bytes", "bytes", "bytes", Better::lower, "Their bytes, counted the same way."},
    Figure{"messages_per_s", "1/s", "msg/s", Better::lower, "`messages / run.measured_s`."},
    Figure{"bytes_per_s", "B/s", "bytes/s", Better::lower, "`bytes / run.measured_s`."},
};

inline constexpr std::array kPath{
    Figure{"messages_per_request", "msgs", "data msgs per request", Better::lower,
           "`data_plane.messages` over `requests.total` (every client group's requests, "
           "call-graph edges included): the path's length — 2 for a direct call (request, "
           "answer), 4 through one intermediary (an LB, a proxy, a gateway), plus retries and "
           "resets."},
};

inline constexpr std::array kLoad{
    Figure{"imbalance_cv", "cv", "load imbalance", Better::lower,
           "The services' `imbalance_cv` averaged with weights `served` (services without a "
           "defined value left out)."},
    Figure{"served", "requests", "served", Better::neither,
           "Requests served after the warmup by instances ready after the warmup."},
};

inline constexpr std::array kServiceLoad{
    Figure{"served", "requests", "served", Better::neither,
           "Requests served after the warmup by this service's instances."},
    Figure{"instances", "instances", "instances", Better::neither,
           "Instances with ready time after the warmup."},
    Figure{"imbalance_cv", "cv", "load imbalance", Better::lower,
           "Time-weighted coefficient of variation of the instances' serving rates (see Load "
           "imbalance); null without served requests."},
};

inline constexpr std::array kCounters{
    Figure{"<name>", "", "counter", Better::neither,
           "Totals of `Observer::count` over the whole run."},
};

inline constexpr std::array kEvents{
    Figure{"rows", "rows", "event rows", Better::neither,
           "Data rows of events.csv (the summary is made after the file is closed)."},
    Figure{"view_rows_dropped", "rows", "view rows dropped", Better::neither,
           "View rows beyond the cap, not written."},
};

inline constexpr std::array kPerf{
    Figure{"wall_s", "s", "wall time", Better::lower,
           "Wall-clock time of the run (measured by the caller; not deterministic)."},
    Figure{"events", "events", "engine events", Better::neither, "Events the engine processed."},
    Figure{"peak_rss_mb", "MiB", "peak RSS", Better::lower,
           "Peak resident set size of the process (`getrusage` `ru_maxrss`)."},
};

inline constexpr std::array kSliceInfo{
    Figure{"services", "", "target services", Better::neither,
           "The target services of the group's callers, in the order first opened."},
};

inline constexpr std::array kTimeseries{
    Figure{"t_s", "s", "interval end", Better::neither, "The interval's end."},
    Figure{"warmup", "0/1", "warmup", Better::neither,
           "1 when the interval starts before the warmup ends (some or all of it is warmup; the "
           "summary leaves those requests out), else 0."},
    Figure{"completed_per_s", "1/s", "completed/s", Better::neither,
           "Requests whose outcome arrived in the interval, per second of its width."},
    Figure{"succeeded_per_s", "1/s", "succeeded/s", Better::higher,
           "The successes among them, per second."},
    Figure{"failed_per_s", "1/s", "failed/s", Better::lower,
           "The failures among them, per second."},
    Figure{"tries_per_s", "1/s", "tries/s", Better::neither,
           "Tries sent in the interval, per second."},
    Figure{"stale_routes_per_s", "1/s", "stale routes/s", Better::lower,
           "Those tries whose target was not ready, per second."},
    Figure{"stale_route_rate", "fraction", "stale routes", Better::lower,
           "Stale routes / tries in the interval."},
    Figure{"latency_p50_ms", "ms", "latency p50", Better::lower,
           "Median latency of the successes completed in the interval (a histogram per "
           "interval). The sample rule is not applied per interval: read it with "
           "`succeeded_per_s` × the interval's width."},
    Figure{"latency_p99_ms", "ms", "latency p99", Better::lower,
           "99th percentile of the same latencies, as `latency_p50_ms`."},
    Figure{"stale_view_fraction", "fraction", "stale views", Better::lower,
           "The stale-view fraction time-averaged over the part of the interval with open "
           "views."},
    Figure{"ready_instances", "instances", "ready instances", Better::neither,
           "Ready instances at the interval's end (all services)."},
    Figure{"open_views", "views", "open views", Better::neither,
           "Open views at the interval's end."},
    Figure{"propagation_pairs", "pairs", "propagation samples", Better::neither,
           "Reflected (change, view) pairs whose view caught up in the interval (the view "
           "update that reflected the change, or the change itself for a view that already "
           "reflected it, fell in it), over every view, whatever the time of the change: the "
           "samples of the interval's `propagation_*_s`."},
    Figure{"propagation_p50_s", "s", "propagation p50", Better::lower,
           "Median propagation delay of those pairs (see Propagation delay; a histogram per "
           "interval); empty without pairs. The sample rule is not applied per interval: read it "
           "with `propagation_pairs`."},
    Figure{"propagation_p99_s", "s", "propagation p99", Better::lower,
           "99th percentile of the same delays, as `propagation_p50_s`."},
    Figure{"failed_<cause>_per_s", "1/s", "failed by cause/s", Better::lower,
           "Failures of one cause among `failed_per_s`, one column per `FailureCause` in the "
           "order of `requests.failed_by_cause.<cause>` (`failed_refused_per_s`, "
           "`failed_timeout_per_s`, `failed_no_endpoint_per_s`, `failed_lb_down_per_s`, "
           "`failed_registry_down_per_s`, `failed_retries_exhausted_per_s`, "
           "`failed_overloaded_per_s`, `failed_reset_per_s`, `failed_dns_failed_per_s`, "
           "`failed_downstream_failed_per_s`): the request's own cause, as in the summary; they "
           "sum to `failed_per_s`."},
};

inline constexpr std::array kClientTimeseries{
    Figure{"t_s", "s", "interval end", Better::neither, "As in `timeseries.csv`."},
    Figure{"warmup", "0/1", "warmup", Better::neither, "As in `timeseries.csv`."},
    Figure{"client", "", "client group", Better::neither,
           "The client group (`clients[].name`, or a call-graph edge's caller service)."},
    Figure{"service", "", "target service", Better::neither, "Its target service."},
    Figure{"completed_per_s", "1/s", "completed/s", Better::neither,
           "The group's requests whose outcome arrived in the interval, per second."},
    Figure{"failed_per_s", "1/s", "failed/s", Better::lower, "The failures among them."},
    Figure{"latency_p50_ms", "ms", "latency p50", Better::lower,
           "Median latency of the group's successes completed in the interval (no sample "
           "rule, as in `timeseries.csv`)."},
    Figure{"latency_p99_ms", "ms", "latency p99", Better::lower,
           "99th percentile of the same latencies."},
    Figure{"stale_route_rate", "fraction", "stale routes", Better::lower,
           "The group's stale tries / tries sent in the interval."},
    Figure{"failed_<cause>_per_s", "1/s", "failed by cause/s", Better::lower,
           "The group's failures of one cause per second, one column per cause as in "
           "`timeseries.csv`; they sum to the group's `failed_per_s`."},
};

inline constexpr std::array kSteadyState{
    Figure{"batches", "batches", "batches", Better::neither,
           "Batches k the measured period is cut into (`metrics.batches`)."},
    Figure{"intervals_per_batch", "intervals", "intervals per batch", Better::neither,
           "Full-width timeseries intervals per batch; leftover intervals at the start of the "
           "measured period are dropped."},
    Figure{"batch_s", "s", "batch length", Better::neither, "Simulated length of one batch."},
    Figure{"from_s", "s", "batches from", Better::neither, "Start of the first batch."},
    Figure{"to_s", "s", "batches to", Better::neither, "End of the last batch."},
    Figure{"lag1_threshold", "", "lag-1 threshold", Better::neither,
           "Lag-1 autocorrelation above which the batches are flagged `correlated`."},
};

inline constexpr std::array kBatchMeans{
    Figure{"mean", "", "batch-means mean", Better::neither,
           "Ratio estimator over the batches: total numerator over total denominator, in the "
           "unit its name carries (see \"Warm-up and batch means\")."},
    Figure{"ci95_low", "", "95% low", Better::neither, "Mean − half_width."},
    Figure{"ci95_high", "", "95% high", Better::neither, "Mean + half_width."},
    Figure{"half_width", "", "95% half-width", Better::neither,
           "t(0.975, k−1) · s / √k over the batch residuals."},
    Figure{"batches", "batches", "batches used", Better::neither,
           "Batches with a non-zero denominator."},
    Figure{"lag1_autocorrelation", "", "lag-1 autocorrelation", Better::neither,
           "Lag-1 autocorrelation of the batch residuals."},
    Figure{"correlated", "", "correlated", Better::neither,
           "Whether the lag-1 autocorrelation exceeds `lag1_threshold`: the interval is not "
           "to be trusted."},
};

}  // namespace table

// The summary figures that summary.json also estimates within the run by batch means, under
// steady_state.<name> (sim/metrics/steady_state.h): `compare` shows that interval for a
// pattern with one run.
struct SteadyStateFigure {
  std::string_view figure;  // the summary key ("latency.mean_ms")
  std::string_view name;    // its name under steady_state ("latency_mean_ms")
};
inline constexpr std::array kSteadyStateFigures{
    SteadyStateFigure{"requests.failure_rate", "failure_rate"},
    SteadyStateFigure{"latency.mean_ms", "latency_mean_ms"},
    SteadyStateFigure{"staleness.stale_route_rate", "stale_route_rate"},
    SteadyStateFigure{"staleness.stale_view_fraction", "stale_view_fraction"},
    SteadyStateFigure{"control_plane.messages_per_s", "control_plane_messages_per_s"},
};

// steady_state.<name> of a summary figure, checked at compile time.
consteval std::string_view steady_state_name(std::string_view figure) {
  for (const SteadyStateFigure& f : kSteadyStateFigures)
    if (f.figure == figure) return f.name;
  throw "no batch-means estimate of this figure: add it to kSteadyStateFigures";
}

inline constexpr FigureBlock kIdentityBlock{"identity", table::kIdentity};
inline constexpr FigureBlock kRunBlock{"run", table::kRun};
inline constexpr FigureBlock kRequestsBlock{"requests", table::kRequests};
inline constexpr FigureBlock kLatencyBlock{"latency", table::kLatency};
inline constexpr FigureBlock kSliceBlock{"slice", table::kSlice};
inline constexpr FigureBlock kSliceInfoBlock{"slice info", table::kSliceInfo};
inline constexpr FigureBlock kPropagationBlock{"propagation", table::kPropagation};
inline constexpr FigureBlock kViewsBlock{"views", table::kViews};
inline constexpr FigureBlock kKindViewsBlock{"component views", table::kKindViews};
inline constexpr FigureBlock kTrafficBlock{"traffic", table::kTraffic};
inline constexpr FigureBlock kPathBlock{"path", table::kPath};
inline constexpr FigureBlock kLoadBlock{"load", table::kLoad};
inline constexpr FigureBlock kServiceLoadBlock{"service load", table::kServiceLoad};
inline constexpr FigureBlock kCountersBlock{"counters", table::kCounters};
inline constexpr FigureBlock kSteadyStateBlock{"steady state", table::kSteadyState};
inline constexpr FigureBlock kBatchMeansBlock{"batch means", table::kBatchMeans};
inline constexpr FigureBlock kEventsBlock{"events", table::kEvents};
inline constexpr FigureBlock kPerfBlock{"perf", table::kPerf};
inline constexpr FigureBlock kTimeseriesBlock{"timeseries", table::kTimeseries};
inline constexpr FigureBlock kClientTimeseriesBlock{"client timeseries", table::kClientTimeseries};

inline constexpr std::string_view kSummary = "summary.json";

// Every place a block appears, in the order the reference lists them.
inline constexpr std::array kScopes{
    FigureScope{kSummary, "", &kIdentityBlock, ""},
    FigureScope{kSummary, "run.", &kRunBlock, ""},
    FigureScope{kSummary, "requests.", &kRequestsBlock, ""},
    FigureScope{kSummary, "latency.", &kLatencyBlock, ""},
    FigureScope{kSummary, "staleness.", &kViewsBlock, ""},
    FigureScope{kSummary, "staleness.", &kPropagationBlock,
                "over every view and every truth change after the warmup"},
    FigureScope{kSummary, "staleness.by_change.<change>.", &kPropagationBlock,
                "for `ready` or `unready` changes only"},
    FigureScope{kSummary, "staleness.consumers.", &kPropagationBlock,
                "over every view but the registry's own (kind `registry`)"},
    FigureScope{kSummary, "staleness.consumers.by_change.<change>.", &kPropagationBlock,
                "the consumers' views, for `ready` or `unready` changes only"},
    FigureScope{kSummary, "staleness.by_component.<kind>.", &kPropagationBlock,
                "for the views of one component kind (the component name before its first `/`)"},
    FigureScope{kSummary, "staleness.by_component.<kind>.", &kKindViewsBlock, ""},
    FigureScope{kSummary, "staleness.by_component.<kind>.by_change.<change>.", &kPropagationBlock,
                "one component kind's views, `ready` or `unready` changes"},
    FigureScope{kSummary, "control_plane.", &kTrafficBlock,
                "control-plane (`Plane::control`) messages, over all sending components",
                "control "},
    FigureScope{kSummary, "control_plane.by_component.<component>.", &kTrafficBlock,
                "control-plane messages of one sending component (the name given to "
                "`Runtime::open`)",
                "control "},
    FigureScope{kSummary, "data_plane.", &kTrafficBlock,
                "data-plane (`Plane::data`) messages, over all sending components", "data "},
    FigureScope{kSummary, "data_plane.by_component.<component>.", &kTrafficBlock,
                "data-plane messages of one sending component", "data "},
    FigureScope{kSummary, "data_plane.", &kPathBlock, ""},
    FigureScope{kSummary, "load.", &kLoadBlock, ""},
    FigureScope{kSummary, "load.by_service.<service>.", &kServiceLoadBlock, ""},
    FigureScope{kSummary, "by_client.<group>.requests.", &kRequestsBlock,
                "for the requests of one client group only (an entry client or a call-graph "
                "edge `<service>-><called>`)"},
    FigureScope{kSummary, "by_client.<group>.latency.", &kLatencyBlock,
                "for one client group's successes"},
    FigureScope{kSummary, "by_client.<group>.", &kSliceBlock, "one client group's tries"},
    FigureScope{kSummary, "by_client.<group>.", &kSliceInfoBlock, ""},
    FigureScope{kSummary, "by_service.<service>.requests.", &kRequestsBlock,
                "for all requests *to* one target service, merged over the client groups "
                "calling it"},
    FigureScope{kSummary, "by_service.<service>.latency.", &kLatencyBlock,
                "for the successes of requests to one target service"},
    FigureScope{kSummary, "by_service.<service>.", &kSliceBlock, "the tries to one target service"},
    FigureScope{kSummary, "counters.", &kCountersBlock, ""},
    FigureScope{kSummary, "steady_state.", &kSteadyStateBlock,
                "batch means within the run (docs/metrics.md, Warm-up and batch means)"},
    FigureScope{kSummary, "steady_state.<figure>.", &kBatchMeansBlock,
                "one figure's batch means: failure_rate, latency_mean_ms, stale_route_rate, "
                "stale_view_fraction, control_plane_messages_per_s"},
    FigureScope{kSummary, "events.", &kEventsBlock, ""},
    FigureScope{kSummary, "perf.", &kPerfBlock, ""},
    FigureScope{"timeseries.csv", "", &kTimeseriesBlock, ""},
    FigureScope{"timeseries_by_client.csv", "", &kClientTimeseriesBlock, ""},
};

// A declared figure of `block`, checked at compile time.
consteval const Figure& figure_of(const FigureBlock& block, std::string_view key) {
  for (const Figure& f : block.figures)
    if (f.key == key) return f;
  throw "not a figure of this block: declare it in sim/metrics/figures_table.h";
}

// The key of a declared figure of `block`, checked at compile time.
consteval std::string_view figure_key(const FigureBlock& block, std::string_view key) {
  return figure_of(block, key).key;
}

// The group of a declared family ("failed_by_cause.<cause>" → "failed_by_cause").
consteval std::string_view family_key(const FigureBlock& block, std::string_view key) {
  const std::string_view k = figure_key(block, key);
  const std::size_t open = k.find(".<");
  if (open == std::string_view::npos) throw "not a family";
  return k.substr(0, open);
}

}  // namespace discolab::metrics

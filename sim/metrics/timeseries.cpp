#include "sim/metrics/timeseries.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "sim/metrics/csv_format.h"
#include "sim/metrics/figures_table.h"
#include "sim/metrics/request_stats.h"

namespace discolab::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(std::uint64_t a, std::uint64_t b) {
  return b == 0 ? kNaN : static_cast<double>(a) / static_cast<double>(b);
}
}  // namespace

TimeseriesRow IntervalAccumulator::close(SimTime start, SimTime end, double stale_view_fraction,
                                         std::uint64_t ready_instances, std::uint64_t open_views) {
  const double width_s = to_seconds(end - start);
  const auto per_s = [width_s](std::uint64_t n) {
    return width_s > 0.0 ? static_cast<double>(n) / width_s : kNaN;
  };
  TimeseriesRow row;
  row.start = start;
  row.end = end;
  row.completed_per_s = per_s(succeeded_ + failed_);
  row.succeeded_per_s = per_s(succeeded_);
  row.failed_per_s = per_s(failed_);
  row.tries_per_s = per_s(tries_);
  row.stale_routes_per_s = per_s(stale_tries_);
  row.stale_route_rate = ratio(stale_tries_, tries_);
  row.latency_p50_ms = latency_.quantile_s(0.50) * 1e3;
  row.latency_p99_ms = latency_.quantile_s(0.99) * 1e3;
  row.stale_view_fraction = stale_view_fraction;
  row.ready_instances = ready_instances;
  row.open_views = open_views;
  row.succeeded = succeeded_;
  row.failed = failed_;
  row.tries = tries_;
  row.stale_tries = stale_tries_;
  row.latency_sum_s = latency_.sum_s();
  for (std::size_t k = 0; k < failed_by_cause_.size(); ++k)
    row.failed_by_cause_per_s[k] = per_s(failed_by_cause_[k]);
  row.propagation_p50_s = row.propagation_p99_s = kNaN;
  succeeded_ = failed_ = tries_ = stale_tries_ = 0;
  failed_by_cause_.fill(0);
  latency_.reset();
  return row;
}

std::string failed_cause_column(FailureCause cause) {
  return "failed_" + std::string(to_string(cause)) + "_per_s";
}

namespace {
constexpr std::string_view kCauseFamily = "failed_<cause>_per_s";

// The columns are the block's figures, in the table's order (figures_table.h); the family of
// failures by cause is one column per cause, in kFailureCauses' order.
std::string header_of(const FigureBlock& block) {
  std::string header;
  for (const Figure& f : block.figures) {
    if (f.key == kCauseFamily) {
      for (const FailureCause cause : kFailureCauses) header += ',' + failed_cause_column(cause);
      continue;
    }
    if (!header.empty()) header += ',';
    header += f.key;
  }
  return header;
}

void append_causes(std::string& line, const TimeseriesRow& row) {
  for (const FailureCause cause : kFailureCauses) {
    line += ',';
    append_double(line, row.failed_by_cause_per_s[static_cast<std::size_t>(cause)]);
  }
}

void add_causes(nlohmann::json& j, const TimeseriesRow& row) {
  for (const FailureCause cause : kFailureCauses)
    j[failed_cause_column(cause)] =
        json_number(row.failed_by_cause_per_s[static_cast<std::size_t>(cause)]);
}
}  // namespace

std::string timeseries_csv_header() { return header_of(kTimeseriesBlock); }

std::string to_csv_line(const TimeseriesRow& row) {
  std::string line;
  append_seconds(line, row.end);
  line += row.warmup ? ",1" : ",0";
  for (const double v : {row.completed_per_s, row.succeeded_per_s, row.failed_per_s,
                         row.tries_per_s, row.stale_routes_per_s, row.stale_route_rate,
                         row.latency_p50_ms, row.latency_p99_ms, row.stale_view_fraction}) {
    line += ',';
    append_double(line, v);
  }
  line += ',' + std::to_string(row.ready_instances) + ',' + std::to_string(row.open_views);
  line += ',' + std::to_string(row.propagation_pairs);
  for (const double v : {row.propagation_p50_s, row.propagation_p99_s}) {
    line += ',';
    append_double(line, v);
  }
  append_causes(line, row);
  return line;
}

nlohmann::json json_number(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}

nlohmann::json to_json(const TimeseriesRow& row) {
  constexpr const FigureBlock& b = kTimeseriesBlock;
  static_assert(figure_key(b, kCauseFamily) == kCauseFamily);  // declared in the table
  nlohmann::json j{
      {figure_key(b, "t_s"), to_seconds(row.end)},
      {figure_key(b, "warmup"), row.warmup ? 1 : 0},
      {figure_key(b, "completed_per_s"), json_number(row.completed_per_s)},
      {figure_key(b, "succeeded_per_s"), json_number(row.succeeded_per_s)},
      {figure_key(b, "failed_per_s"), json_number(row.failed_per_s)},
      {figure_key(b, "tries_per_s"), json_number(row.tries_per_s)},
      {figure_key(b, "stale_routes_per_s"), json_number(row.stale_routes_per_s)},
      {figure_key(b, "stale_route_rate"), json_number(row.stale_route_rate)},
      {figure_key(b, "latency_p50_ms"), json_number(row.latency_p50_ms)},
      {figure_key(b, "latency_p99_ms"), json_number(row.latency_p99_ms)},
      {figure_key(b, "stale_view_fraction"), json_number(row.stale_view_fraction)},
      {figure_key(b, "ready_instances"), row.ready_instances},
      {figure_key(b, "open_views"), row.open_views},
      {figure_key(b, "propagation_pairs"), row.propagation_pairs},
      {figure_key(b, "propagation_p50_s"), json_number(row.propagation_p50_s)},
      {figure_key(b, "propagation_p99_s"), json_number(row.propagation_p99_s)},
  };
  add_causes(j, row);
  return j;
}

nlohmann::json to_json(const ClientTimeseriesRow& r) {
  constexpr const FigureBlock& b = kClientTimeseriesBlock;
  static_assert(figure_key(b, kCauseFamily) == kCauseFamily);  // declared in the table
  nlohmann::json j{
      {figure_key(b, "client"), r.client},
      {figure_key(b, "service"), r.service},
      {figure_key(b, "completed_per_s"), json_number(r.row.completed_per_s)},
      {figure_key(b, "failed_per_s"), json_number(r.row.failed_per_s)},
      {figure_key(b, "latency_p50_ms"), json_number(r.row.latency_p50_ms)},
      {figure_key(b, "latency_p99_ms"), json_number(r.row.latency_p99_ms)},
      {figure_key(b, "stale_route_rate"), json_number(r.row.stale_route_rate)},
  };
  add_causes(j, r.row);
  return j;
}

std::string client_timeseries_csv_header() { return header_of(kClientTimeseriesBlock); }

std::string to_csv_line(const ClientTimeseriesRow& r) {
  std::string line;
  append_seconds(line, r.row.end);
  line += r.row.warmup ? ",1," : ",0,";
  append_csv_field(line, r.client);
  line += ',';
  append_csv_field(line, r.service);
  for (const double v : {r.row.completed_per_s, r.row.failed_per_s, r.row.latency_p50_ms,
                         r.row.latency_p99_ms, r.row.stale_route_rate}) {
    line += ',';
    append_double(line, v);
  }
  append_causes(line, r.row);
  return line;
}

namespace {
template <typename Row>
void write_csv(const std::filesystem::path& path, const std::string& header,
               const std::vector<Row>& rows) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << header << '\n';
  for (const auto& row : rows) out << to_csv_line(row) << '\n';
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}
}  // namespace

void write_timeseries_csv(const std::filesystem::path& path,
                          const std::vector<TimeseriesRow>& rows) {
  write_csv(path, timeseries_csv_header(), rows);
}

void write_client_timeseries_csv(const std::filesystem::path& path,
                                 const std::vector<ClientTimeseriesRow>& rows) {
  write_csv(path, client_timeseries_csv_header(), rows);
}

}  // namespace discolab::metrics

// docs/metrics.md's worked example: the numbers its table quotes are what the run writes, and
// what the hand derivation gives, repeated here from the scenario and events.csv.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "patterns/core/data_plane.h"
#include "run_command.h"
#include "sim/metrics/figures.h"

using namespace discolab::testing;
using json = nlohmann::json;

namespace {

struct Event {
  double t;
  std::string kind, subject, detail;
};

std::vector<Event> read_events(const std::filesystem::path& path) {
  std::vector<Event> events;
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    f.resize(5);
    events.push_back({std::stod(f[0]), f[1], f[2], f[4]});
  }
  return events;
}

// The time of the first event matching, or fails.
double when(const std::vector<Event>& events, const std::string& kind, const std::string& subject,
            const std::string& detail_part = "") {
  for (const Event& e : events)
    if (e.kind == kind && e.subject == subject && e.detail.find(detail_part) != std::string::npos)
      return e.t;
  FAIL("no event " << kind << " " << subject << " " << detail_part);
  return 0;
}

// The worked-example table of docs/metrics.md: figure key → quoted value (nullopt for null).
std::map<std::string, std::optional<double>> doc_table() {
  const std::string doc = read_file(std::string(DISCOLAB_SOURCE_DIR) + "/docs/metrics.md");
  const auto begin = doc.find("<!-- worked-example:begin");
  const auto end = doc.find("<!-- worked-example:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::map<std::string, std::optional<double>> table;
  std::istringstream in(doc.substr(begin, end - begin));
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("| `")) continue;
    const auto key_end = line.find('`', 3);
    const std::string key = line.substr(3, key_end - 3);
    const auto cell_begin = line.find('|', key_end) + 1;
    const std::string value = line.substr(cell_begin, line.find('|', cell_begin) - cell_begin);
    table[key] =
        value.find("null") != std::string::npos ? std::nullopt : std::optional(std::stod(value));
  }
  return table;
}

// Equal to the digits the doc quotes (it rounds to 6 decimals, or 8 significant digits).
bool quoted(double doc, double exact) {
  return std::fabs(doc - exact) <= 5e-7 * std::max(1.0, std::fabs(exact));
}

}  // namespace

TEST_CASE("the worked example in docs/metrics.md: the doc, the run and the derivation agree",
          "[cli][figures][docs]") {
  const auto out = scratch("worked-example");
  const auto r = run_discolab("run scenarios/examples/worked-example.yaml --progress none --out " +
                              out.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(read_file(out / "summary.json"));
  const auto events = read_events(out / "events.csv");

  // The derivation, from the scenario (10 ms service time, 100 µs and 10 Gbps host links, two
  // links each way) and the payload sizes of patterns/core/data_plane.h.
  const auto leg_ns = [](std::uint32_t bytes) {
    return 2 * 100'000.0 + std::floor(bytes * 8 / 10e9 * 1e9 + 0.5);
  };
  const double latency_ms =
      10.0 + (leg_ns(discolab::kRequestBytes) + leg_ns(discolab::kResponseBytes)) / 1e6;
  const double total = s["requests"]["total"].get<double>();  // the random input
  const double crash = when(events, "unready", "instance/0");
  const double back = when(events, "ready", "instance/1");
  const double registry_open = when(events, "view_open", "registry/main");
  const double registry_drop = when(events, "view", "registry/main", "removed=0");
  const double registry_add = when(events, "view", "registry/main", "added=1");
  const double caller_open = when(events, "view_open", "client/users-0");
  const double caller_fill = when(events, "view", "client/users-0", "added=0");
  const double caller_swap = when(events, "view", "client/users-0", "added=1 removed=0");
  const double end = s["run"]["end_s"].get<double>();
  // Requests issued in [crash, caller_swap) timed out; the run says how many there were.
  const double failed = s["requests"]["failed"].get<double>();
  const std::vector<double> delays{registry_drop - crash, caller_swap - crash, registry_add - back,
                                   caller_swap - back};
  double sum = 0;
  for (double d : delays) sum += d;
  std::map<std::string, std::optional<double>> derived{
      {"requests.failed_by_cause.timeout", failed},
      {"requests.failure_rate", failed / total},
      {"staleness.stale_route_rate", failed / total},
      {"latency.samples", total - failed},
      {"latency.mean_ms", latency_ms},
      {"latency.p50_ms", latency_ms},
      {"latency.p90_ms", latency_ms},
      {"latency.max_ms", latency_ms},
      {"data_plane.messages_per_request", (total + (total - failed)) / total},
      {"staleness.propagation_pairs", 4},
      {"staleness.propagation_min_s", *std::min_element(delays.begin(), delays.end())},
      {"staleness.propagation_max_s", *std::max_element(delays.begin(), delays.end())},
      {"staleness.propagation_mean_s", sum / 4},
      {"staleness.stale_view_fraction",
       ((registry_drop - crash) + (caller_fill - caller_open) + (caller_swap - crash)) / 2 /
           (end - registry_open)},
  };
  // Too few samples: null (77 successes for p99's 368, p99.9's 3688; 4 pairs for p50's 6).
  for (const char* key : {"latency.p99_ms", "latency.p999_ms", "staleness.propagation_p50_s"})
    derived[key] = std::nullopt;

  const auto doc = doc_table();
  for (const auto& [key, value] : derived) {
    INFO(key);
    REQUIRE(doc.contains(key));
    REQUIRE(doc.at(key).has_value() == value.has_value());
    if (value) CHECK(quoted(*doc.at(key), *value));
  }
  for (const auto& [key, value] : doc) {
    INFO(key);
    const json* ran = discolab::metrics::figure_value(s, key);
    REQUIRE((ran != nullptr) == value.has_value());
    if (value) CHECK(quoted(*value, ran->get<double>()));
  }
  // The run's table says why the p99 is missing.
  CHECK_THAT(r.err + r.out, Catch::Contains("p99 n=" + s["latency"]["samples"].dump() + " < 368"));
}

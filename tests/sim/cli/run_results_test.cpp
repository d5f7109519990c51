// End-to-end checks of what a run writes (issue 6: clients joining a running cluster, figures
// per client group, the summary counting what events.csv holds).
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;

namespace {

// The data rows of a CSV file, each split at commas (no quoted fields in the columns used).
std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& path,
                                               std::string* header = nullptr) {
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line);
  if (header != nullptr) *header = line;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) fields.push_back(cell);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

}  // namespace

TEST_CASE("clients join the running cluster and fetch at their start: no blind start",
          "[cli][start]") {
  // Defaults: a 30 s fetch interval; replicas ready at 3 s; a 5 s warm-up. Clients used to
  // start at 0 s with the cold cluster and stay blind for a whole interval (45% failed).
  const auto out = scratch("plain");
  const auto r = run_discolab("run tests/data/scenarios/plain.yaml --quiet --out " + out.string());
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(read_file(out / "summary.json"));
  CHECK(s["requests"]["total"].get<double>() > 30000);
  CHECK(s["requests"]["failed_by_cause"]["no_endpoint"] == 0);
  CHECK(s["requests"]["failed"] == 0);

  // Warm-up rows are marked; the deployment's readiness is an event.
  std::string header;
  const auto rows = csv_rows(out / "timeseries.csv", &header);
  REQUIRE(header.rfind("t_s,warmup,", 0) == 0);
  REQUIRE(rows.size() == 60);
  for (const auto& row : rows) {
    INFO(row[0]);
    CHECK(row[1] == (std::stod(row[0]) <= 5.0 ? "1" : "0"));
  }
  const std::string events = read_file(out / "events.csv");
  CHECK(events.find("\n3,deployment_ready,cluster,,\n") != std::string::npos);
  // No request before the clients start (1 s after the deployment is ready).
  for (const auto& row : rows) {
    if (std::stod(row[0]) <= 4.0) CHECK(row[2] == "0");
  }
  CHECK(std::stod(rows[5][2]) > 0.0);  // [5, 6)
}

TEST_CASE("a client's start key sets when its callers join", "[cli][start]") {
  const auto out = scratch("late-users");
  const auto r = run_discolab(
      "run tests/data/scenarios/plain.yaml --quiet --set clients.users.start=20s --out " +
      out.string());
  REQUIRE(r.exit_code == 0);
  const auto rows = csv_rows(out / "timeseries_by_client.csv");
  REQUIRE(!rows.empty());
  bool users_seen = false;
  for (const auto& row : rows) {
    const double t = std::stod(row[0]);
    if (row[2] == "users" && t <= 20.0) CHECK(row[4] == "0");
    if (row[2] == "users" && t > 21.0) users_seen = users_seen || std::stod(row[4]) > 0.0;
    if (row[2] == "web-to-api" && t > 5.0 && t <= 20.0) CHECK(std::stod(row[4]) > 0.0);
  }
  CHECK(users_seen);
  const json s = json::parse(read_file(out / "summary.json"));
  CHECK(s["by_client"]["users"]["requests"]["failed"] == 0);
}

TEST_CASE("figures are broken down per client group and target service", "[cli][by-client]") {
  const auto out = scratch("by-client");
  const auto r =
      run_discolab("run scenarios/quickstart.yaml --set duration=1m --out " + out.string());
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(read_file(out / "summary.json"));
  CHECK(s["user_facing_client"] == "users");  // the first client in the file
  double total = 0;
  for (const char* client : {"users", "web->api", "api->db"}) {
    INFO(client);
    REQUIRE(s["by_client"].contains(client));
    const auto& c = s["by_client"][client];
    total += c["requests"]["total"].get<double>();
    for (const char* key :
         {"total", "failed", "failure_rate", "failed_by_cause", "failed_by_last_cause"}) {
      CHECK(c["requests"].contains(key));
    }
    CHECK(c["latency"].contains("p99_ms"));
    CHECK(c.contains("stale_route_rate"));
  }
  CHECK(total == s["requests"]["total"].get<double>());
  CHECK(s["by_client"]["users"]["services"] == json::array({"web"}));
  CHECK(s["by_service"]["db"]["requests"]["total"] ==
        s["by_client"]["api->db"]["requests"]["total"]);

  std::string header;
  const auto rows = csv_rows(out / "timeseries_by_client.csv", &header);
  CHECK(header ==
        "t_s,warmup,client,service,completed_per_s,failed_per_s,latency_p50_ms,latency_p99_ms,"
        "stale_route_rate,failed_refused_per_s,failed_timeout_per_s,failed_no_endpoint_per_s,"
        "failed_lb_down_per_s,failed_registry_down_per_s,failed_retries_exhausted_per_s,"
        "failed_overloaded_per_s,failed_reset_per_s,failed_dns_failed_per_s,"
        "failed_downstream_failed_per_s");
  // A row per second per group from the second the group appears: the users from the start,
  // the call-graph edges with their first caller instance's process (a few seconds in).
  std::map<std::string, int> per_group;
  for (const auto& row : rows) ++per_group[row[2]];
  CHECK(per_group["users"] == 60);
  CHECK(per_group["web->api"] > 50);
  CHECK(per_group["api->db"] > 50);
  CHECK(per_group.size() == 3);
  CHECK(rows[0][2] == "users");
  CHECK(rows[0][3] == "web");

  // Every caller is in a group: per interval the groups' completions and failures (by cause
  // too) add up to timeseries.csv's; and there the causes add up to failed_per_s.
  std::string all_header;
  const auto all = csv_rows(out / "timeseries.csv", &all_header);
  const auto column = [](const std::string& header, const std::string& name) {
    std::vector<std::string> names;
    std::istringstream in(header);
    for (std::string f; std::getline(in, f, ',');) names.push_back(f);
    const auto at = std::find(names.begin(), names.end(), name);
    REQUIRE(at != names.end());
    return static_cast<std::size_t>(at - names.begin());
  };
  const auto number = [](const std::string& f) { return f.empty() ? 0.0 : std::stod(f); };
  std::map<std::string, std::map<std::string, double>> group_sum;  // t_s → column → sum
  const std::vector<std::string> summed{"completed_per_s", "failed_per_s", "failed_timeout_per_s",
                                        "failed_retries_exhausted_per_s",
                                        "failed_downstream_failed_per_s"};
  for (const auto& row : rows)
    for (const std::string& c : summed) group_sum[row[0]][c] += number(row[column(header, c)]);
  REQUIRE(all.size() == 60);
  double failed_total = 0;
  for (const auto& row : all) {
    INFO("t_s " << row[0]);
    for (const std::string& c : summed)
      CHECK(group_sum[row[0]][c] == Approx(number(row[column(all_header, c)])));
    double causes = 0;
    for (const char* cause :
         {"refused", "timeout", "no_endpoint", "lb_down", "registry_down", "retries_exhausted",
          "overloaded", "reset", "dns_failed", "downstream_failed"})
      causes += number(row[column(all_header, std::string("failed_") + cause + "_per_s")]);
    CHECK(causes == Approx(number(row[column(all_header, "failed_per_s")])));
    failed_total += number(row[column(all_header, "failed_per_s")]);
    CHECK(row.size() == column(all_header, "failed_downstream_failed_per_s") + 1);
  }
  INFO("failed requests per second, summed over the intervals: " << failed_total);

  // The table: the user-facing group first, then the others; the stale views explained.
  const auto users = r.out.find("users -> web");
  REQUIRE(users != std::string::npos);
  CHECK(r.out.find("(user-facing)", users) != std::string::npos);
  CHECK(users < r.out.find("api->db -> db"));
  CHECK(users < r.out.find("web->api -> api"));
  CHECK(r.out.find("(time-averaged share of views)") != std::string::npos);
  CHECK(r.out.find("of the time") == std::string::npos);
}

TEST_CASE("summary.json counts the rows events.csv holds", "[cli][events]") {
  const auto out = scratch("events-rows");
  const auto r =
      run_discolab("run scenarios/quickstart.yaml --set duration=1m --quiet --out " + out.string());
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(read_file(out / "summary.json"));
  const auto rows = csv_rows(out / "events.csv");
  CHECK(s["events"]["rows"].get<std::size_t>() == rows.size());
  CHECK(s["events"]["view_rows_dropped"] == 0);
  // The components are torn down at the run's end, before the file is closed: every view
  // opened is closed in the file, and no row comes after the end.
  std::size_t opened = 0, closed = 0;
  for (const auto& row : rows) {
    REQUIRE(row.size() >= 2);
    CHECK(std::stod(row[0]) <= 60.0);
    opened += row[1] == "view_open" ? 1 : 0;
    closed += row[1] == "view_close" ? 1 : 0;
  }
  CHECK(opened > 0);
  CHECK(closed == opened);
  CHECK(rows.back()[1] == "view_close");
  CHECK(std::stod(rows.back()[0]) == 60.0);
}

TEST_CASE("orchestrator registration removes a crashed instance sooner than leases do",
          "[cli][registration]") {
  // crash-churn: self-registration leaves a crashed instance listed until its lease expires;
  // the orchestrator removes it as soon as the scheduler sees the crash.
  const auto self = scratch("reg-self"), orch = scratch("reg-orch");
  const std::string args =
      "run scenarios/crash-churn.yaml --quiet --set duration=3m --set metrics.warmup=30s ";
  REQUIRE(run_discolab(args + "--out " + self.string()).exit_code == 0);
  REQUIRE(run_discolab(args + "--set patterns.client_side.registration.mode=orchestrator --out " +
                       orch.string())
              .exit_code == 0);
  const auto unready = [](const std::filesystem::path& f) {
    const auto s = nlohmann::json::parse(read_file(f / "summary.json"));
    return s["staleness"]["consumers"]["by_change"]["unready"]["propagation_p50_s"];
  };
  REQUIRE(unready(self).is_number());
  REQUIRE(unready(orch).is_number());
  CHECK(unready(orch).get<double>() < unready(self).get<double>());
}

TEST_CASE("balancing.least_request_choices reaches the callers' balancers", "[cli][balancing]") {
  // With least-request, the number of instances compared per pick changes which instance each
  // request goes to, so the load spread (and the latency rows) differ; the same value twice
  // gives the same bytes.
  const std::string args =
      "run scenarios/quickstart.yaml --quiet --set duration=40s --set metrics.warmup=10s "
      "--set patterns.client_side.balancing.policy=least-request ";
  const auto two = scratch("lr-two"), again = scratch("lr-again"), eight = scratch("lr-eight");
  for (const auto& [out, d] : {std::pair{two, 2}, std::pair{again, 2}, std::pair{eight, 8}}) {
    REQUIRE(run_discolab(args + "--set patterns.client_side.balancing.least_request_choices=" +
                         std::to_string(d) + " --out " + out.string())
                .exit_code == 0);
  }
  CHECK(read_file(two / "timeseries.csv") == read_file(again / "timeseries.csv"));
  CHECK(read_file(two / "timeseries.csv") != read_file(eight / "timeseries.csv"));
}

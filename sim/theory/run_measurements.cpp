#include "sim/theory/run_measurements.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace discolab::theory {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

nlohmann::json read_summary(const std::filesystem::path& results) {
  std::ifstream in(results / "summary.json");
  if (!in) throw std::runtime_error("cannot read " + (results / "summary.json").string());
  return nlohmann::json::parse(in);
}

double number_or_nan(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : kNaN; }

const nlohmann::json& component(const nlohmann::json& summary, std::string_view kind) {
  return summary.at(std::string(keys::kStaleness))
      .at(std::string(keys::kByComponent))
      .at(std::string(kind));
}

// One events.csv row: t_s,kind,subject,service,detail (no field of the rows read is quoted).
struct Row {
  double t = 0.0;
  std::string kind;
  std::string subject;
  std::string detail;
};

template <typename F>
void for_each_row(const std::filesystem::path& results, F&& f) {
  std::ifstream in(results / "events.csv");
  if (!in) throw std::runtime_error("cannot read " + (results / "events.csv").string());
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::string fields[5];
    std::size_t at = 0;
    for (int i = 0; i < 5; ++i) {
      const std::size_t comma = i < 4 ? line.find(',', at) : std::string::npos;
      fields[i] = line.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
    f(Row{std::stod(fields[0]), fields[1], fields[2], fields[4]});
  }
}

// The ids listed after "removed=" in a view row's detail ("… removed=3;7").
std::vector<std::uint64_t> removed_ids(const std::string& detail) {
  std::vector<std::uint64_t> ids;
  const std::size_t at = detail.find("removed=");
  if (at == std::string::npos) return ids;
  std::size_t i = at + 8;
  while (i < detail.size() && detail[i] >= '0' && detail[i] <= '9') {
    std::size_t end = i;
    while (end < detail.size() && detail[end] >= '0' && detail[end] <= '9') ++end;
    ids.push_back(std::stoull(detail.substr(i, end - i)));
    if (end >= detail.size() || detail[end] != ';') break;
    i = end + 1;
  }
  return ids;
}

}  // namespace

DnsStaleMeasurement measure_dns_stale_answers(const std::filesystem::path& results) {
  const nlohmann::json summary = read_summary(results);
  const nlohmann::json& counters = summary.at(std::string(keys::kCounters));
  DnsStaleMeasurement m;
  m.answers = counters.value(std::string(keys::kClientReads), std::uint64_t{0});
  m.stale_answers = counters.value(std::string(keys::kClientStaleReads), std::uint64_t{0});
  for_each_row(results, [&](const Row& row) {
    if (row.kind == keys::kCrashRow) ++m.changes;
  });
  m.per_change = m.changes > 0 ? static_cast<double>(m.stale_answers) / m.changes : kNaN;
  m.view_delay_mean_s =
      number_or_nan(component(summary, keys::kClientKind).at(std::string(keys::kPropagationMean)));
  return m;
}

std::vector<double> measure_removal_delays(const std::filesystem::path& results) {
  std::map<std::uint64_t, double> unready_at;  // instance id → when it stopped being ready
  std::vector<double> delays;
  const std::string instance_prefix = "instance/";
  const std::string registry_prefix = std::string(keys::kRegistryKind) + "/";
  for_each_row(results, [&](const Row& row) {
    if (row.kind == keys::kUnreadyRow && row.subject.rfind(instance_prefix, 0) == 0) {
      unready_at[std::stoull(row.subject.substr(instance_prefix.size()))] = row.t;
    } else if (row.kind == keys::kViewRow && row.subject.rfind(registry_prefix, 0) == 0) {
      for (std::uint64_t id : removed_ids(row.detail)) {
        if (auto it = unready_at.find(id); it != unready_at.end()) {
          delays.push_back(row.t - it->second);
          unready_at.erase(it);
        }
      }
    }
  });
  return delays;
}

RegistryUnreadySummary read_registry_unready(const std::filesystem::path& results) {
  const nlohmann::json summary = read_summary(results);
  const nlohmann::json& unready = component(summary, keys::kRegistryKind)
                                      .at(std::string(keys::kByChange))
                                      .at(std::string(keys::kUnready));
  return {number_or_nan(unready.at(std::string(keys::kPropagationMean))),
          unready.value(std::string(keys::kPropagationPairs), std::uint64_t{0})};
}

}  // namespace discolab::theory

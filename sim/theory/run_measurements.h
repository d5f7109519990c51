// What a run measured, for the DNS-cache and lease rows of the validation suite: read from a
// results folder (summary.json, events.csv; docs/metrics.md). Every summary key and events
// kind these rows read is named here, once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace discolab::theory {

namespace keys {
inline constexpr std::string_view kCounters = "counters";
inline constexpr std::string_view kClientReads = "view_reads.client";
inline constexpr std::string_view kClientStaleReads = "view_reads_stale.client";
// staleness.by_component.<kind>.…
inline constexpr std::string_view kStaleness = "staleness";
inline constexpr std::string_view kByComponent = "by_component";
inline constexpr std::string_view kByChange = "by_change";
inline constexpr std::string_view kPropagationMean = "propagation_mean_s";
inline constexpr std::string_view kPropagationPairs = "propagation_pairs";
inline constexpr std::string_view kClientKind = "client";
inline constexpr std::string_view kRegistryKind = "registry";
inline constexpr std::string_view kUnready = "unready";
// events.csv rows
inline constexpr std::string_view kCrashRow = "crash";
inline constexpr std::string_view kUnreadyRow = "unready";
inline constexpr std::string_view kViewRow = "view";
}  // namespace keys

struct DnsStaleMeasurement {
  std::uint64_t answers = 0;        // lookups the client's cache answered (counters)
  std::uint64_t stale_answers = 0;  // of them, given while the answer differed from the truth
  std::uint64_t changes = 0;        // crash rows in events.csv: one record change each
  double per_change = 0.0;          // stale_answers / changes (NaN without changes)
  double view_delay_mean_s = 0.0;   // the client views' mean propagation delay (NaN if none)
};

// Throws std::runtime_error when a file is missing or unreadable.
DnsStaleMeasurement measure_dns_stale_answers(const std::filesystem::path& results);

// Per crashed instance, the time from its `unready` row to the registry view's row that
// removed it (events.csv), in seconds, in the order of removal. Instances the registry never
// dropped before the end are left out.
std::vector<double> measure_removal_delays(const std::filesystem::path& results);

// summary.json's staleness.by_component.registry.by_change.unready: mean and pairs.
struct RegistryUnreadySummary {
  double mean_s = 0.0;
  std::uint64_t pairs = 0;
};
RegistryUnreadySummary read_registry_unready(const std::filesystem::path& results);

}  // namespace discolab::theory

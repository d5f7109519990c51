// The registry's state machine: services → instances with metadata, leases, and an index.
//
// Pure: no runtime, no network; every call takes the current time. RegistryServer wraps it
// with a protocol, timers and watchers; tests drive it directly.
//
// Index: a catalog-wide counter, +1 for every change (register of a new or different record,
// deregister, expiry). Renewals and identical re-registrations change nothing. Each service
// remembers the index of its last change (Consul's X-Consul-Index for a query).
//
// Leases (units: Duration, i.e. nanoseconds of simulated time):
// - `lease` is given per registration (Eureka's leaseInfo.durationInSecs, Consul's TTL,
//   etcd's lease TTL); 0 means no lease (the entry stays until deregistered: orchestrators).
// - ExpiryRule::exact: expired from renewed_at + lease on (etcd, Consul TTL).
// - ExpiryRule::eureka: Eureka 1.x's Lease.java: renew() sets lastUpdate = now + duration and
//   isExpired() tests now > lastUpdate + duration, so a renewed lease expires strictly after
//   renewed_at + 2 × lease; a lease never renewed since (re-)registration after 1 × lease.
//   ("will not be fixed": real-system-defaults.json, netflix_eureka_ribbon,
//   effective_lease_expiry_quirk.) Strictly after = one nanosecond later here.
// - An expired entry is removed only when expire() is called: RegistryServer calls it on its
//   eviction timer (Eureka's evictionIntervalTimerInMs) or exactly at next_expiry().
//
// Deltas: changes are logged for `delta_retention` (Eureka's retentionTimeInMSInDeltaQueue);
// a delta since an index older than what is retained is answered with a full update.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "patterns/core/time.h"
#include "patterns/registry/instance_record.h"

namespace discolab::registry {

// One instance's change. For a removal `record` is the record that was removed.
struct Change {
  InstanceId id = kNoInstance;
  bool removed = false;
  RecordPtr record;
};

// What a read returns: the whole current set (full; all upserts) or the changes since an
// index (delta; the last change per instance). Sorted by instance id. `index` is where the
// receiver stands after applying it: the next delta is asked "since index".
struct CatalogUpdate {
  bool full = true;
  std::uint64_t index = 0;
  std::vector<Change> changes;
};
using UpdatePtr = std::shared_ptr<const CatalogUpdate>;

enum class ExpiryRule : std::uint8_t { exact, eureka };

struct CatalogConfig {
  ExpiryRule expiry = ExpiryRule::exact;
  // Shorter requested leases are raised to this (etcd's minimum TTL: 2 s with defaults).
  Duration min_lease{0};
  // How long changes stay available for deltas (Eureka: 180 000 ms).
  Duration delta_retention = std::chrono::seconds(180);
};

enum class WriteError : std::uint8_t { none, not_found, acl_denied, invalid };

struct WriteResult {
  WriteError error = WriteError::none;
  bool changed = false;  // the index moved
  std::uint64_t index = 0;
};

inline constexpr std::uint64_t kLatest = std::numeric_limits<std::uint64_t>::max();

class Catalog {
 public:
  explicit Catalog(CatalogConfig config = {});

  // Registers or replaces `record` and (re)starts its lease. An identical record only
  // restarts the lease (no change, index unchanged).
  WriteResult upsert(RecordPtr record, Duration lease, SimTime now);
  WriteResult renew(InstanceId id, SimTime now);
  WriteResult remove(InstanceId id, SimTime now);
  // Removes every entry expired at `now`; returns the removed records by ascending id.
  std::vector<RecordPtr> expire(SimTime now);
  // Renews every lease at `now`: a server that restarts forgives the time it was away
  // (etcd refreshes all leases on a new leader).
  void refresh_leases(SimTime now);

  // The first instant at which some entry is expired; kNever when no lease is pending.
  SimTime next_expiry() const;
  SimTime expires_at(InstanceId id) const;  // kNever when unknown or without lease
  const InstanceRecord* find(InstanceId id) const;
  std::size_t size() const { return entries_.size(); }

  std::uint64_t index() const { return index_; }
  // The index of the last change to `service` ("" = any service); 0 if none yet.
  std::uint64_t service_index(std::string_view service) const;

  // Reads for `service`; "" reads every service.
  UpdatePtr full(std::string_view service) const;
  // The changes with index in (since, upto], or a full update (as of now) when `since` is
  // older than what is retained or newer than the index.
  UpdatePtr delta(std::string_view service, std::uint64_t since,
                  std::uint64_t upto = kLatest) const;
  // Ids of the `up` instances of `service`, ascending: what the registry serves.
  std::vector<InstanceId> serving(std::string_view service) const;
  // The same without a copy, kept up to date on every write (valid until the next write).
  std::span<const InstanceId> serving_ids(std::string_view service) const;
  // Moves by one each time the serving set of `service` changes (0: never had a change).
  std::uint64_t serving_version(std::string_view service) const;
  std::vector<std::string> services() const;

 private:
  struct Entry {
    RecordPtr record;
    Duration lease{0};
    SimTime renewed_at{0};
    bool renewed_since_registration = false;
    SimTime expires_at = kNever;
  };
  struct Logged {
    std::uint64_t index;
    SimTime at{};
    Change change;
  };

  SimTime expiry_of(const Entry& e) const;
  void set_expiry(InstanceId id, Entry& e);
  // The instances of a service and the ascending ids of its `up` ones (what serving() reads,
  // maintained on each write so that a read costs no scan: ids mostly grow, so an insert is
  // usually an append).
  struct Members {
    std::set<InstanceId> ids;
    std::vector<InstanceId> up;
    std::uint64_t up_version = 0;
  };

  void log(Change change, SimTime now);
  void trim(SimTime now);
  // Adds `id` to, or drops it from, the serving ids; the version moves only on a change.
  static void set_serving(Members& m, InstanceId id, bool up);

  CatalogConfig config_;
  std::map<InstanceId, Entry> entries_;
  std::map<std::string, Members, std::less<>> members_;
  std::map<std::string, std::uint64_t, std::less<>> service_index_;
  std::set<std::pair<SimTime, InstanceId>> deadlines_;
  std::deque<Logged> log_;
  std::uint64_t index_ = 0;
  std::uint64_t trimmed_through_ = 0;  // every change with index > this is in log_
};

}  // namespace discolab::registry

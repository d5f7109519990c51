#include "patterns/registry/catalog.h"

#include <algorithm>

namespace discolab::registry {

namespace {
constexpr Duration kTick{1};  // "strictly after" at nanosecond resolution
}

Catalog::Catalog(CatalogConfig config) : config_(config) {}

SimTime Catalog::expiry_of(const Entry& e) const {
  if (e.lease == Duration::zero()) return kNever;
  if (config_.expiry == ExpiryRule::exact) return e.renewed_at + e.lease;
  return e.renewed_since_registration ? e.renewed_at + 2 * e.lease + kTick
                                      : e.renewed_at + e.lease + kTick;
}

void Catalog::set_expiry(InstanceId id, Entry& e) {
  if (e.expires_at != kNever) deadlines_.erase({e.expires_at, id});
  e.expires_at = expiry_of(e);
  if (e.expires_at != kNever) deadlines_.insert({e.expires_at, id});
}

void Catalog::log(Change change, SimTime now) {
  ++index_;
  service_index_[change.record->service] = index_;
  log_.push_back(Logged{index_, now, std::move(change)});
}

void Catalog::set_serving(Members& m, InstanceId id, bool up) {
  auto& ids = m.up;
  auto at = std::lower_bound(ids.begin(), ids.end(), id);
  const bool present = at != ids.end() && *at == id;
  if (present == up) return;
  if (up) {
    ids.insert(at, id);
  } else {
    ids.erase(at);
  }
  ++m.up_version;
}

void Catalog::trim(SimTime now) {
  while (!log_.empty() && log_.front().at + config_.delta_retention <= now) {
    trimmed_through_ = log_.front().index;
    log_.pop_front();
  }
}

WriteResult Catalog::upsert(RecordPtr record, Duration lease, SimTime now) {
  if (!record || record->id == kNoInstance || record->service.empty()) {
    return {WriteError::invalid, false, index_};
  }
  if (lease > Duration::zero()) lease = std::max(lease, config_.min_lease);
  trim(now);
  const InstanceId id = record->id;
  auto [it, inserted] = entries_.try_emplace(id);
  Entry& e = it->second;
  bool changed = inserted || !(*e.record == *record);
  if (!inserted && changed && e.record->service != record->service) {
    // Moving to another service: the old service sees a removal.
    Members& old = members_[e.record->service];
    old.ids.erase(id);
    set_serving(old, id, false);
    log(Change{id, true, e.record}, now);
  }
  if (changed) {
    e.record = std::move(record);
    Members& m = members_[e.record->service];
    m.ids.insert(id);
    set_serving(m, id, e.record->status == InstanceStatus::up);
    log(Change{id, false, e.record}, now);
  }
  e.lease = lease;
  e.renewed_at = now;
  e.renewed_since_registration = false;
  set_expiry(id, e);
  return {WriteError::none, changed, index_};
}

WriteResult Catalog::renew(InstanceId id, SimTime now) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return {WriteError::not_found, false, index_};
  it->second.renewed_at = now;
  it->second.renewed_since_registration = true;
  set_expiry(id, it->second);
  return {WriteError::none, false, index_};
}

WriteResult Catalog::remove(InstanceId id, SimTime now) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return {WriteError::not_found, false, index_};
  trim(now);
  if (it->second.expires_at != kNever) deadlines_.erase({it->second.expires_at, id});
  RecordPtr record = std::move(it->second.record);
  entries_.erase(it);
  Members& m = members_[record->service];
  m.ids.erase(id);
  set_serving(m, id, false);
  log(Change{id, true, std::move(record)}, now);
  return {WriteError::none, true, index_};
}

std::vector<RecordPtr> Catalog::expire(SimTime now) {
  std::vector<InstanceId> due;
  for (auto it = deadlines_.begin(); it != deadlines_.end() && it->first <= now; ++it) {
    due.push_back(it->second);
  }
  std::sort(due.begin(), due.end());
  std::vector<RecordPtr> removed;
  removed.reserve(due.size());
  for (InstanceId id : due) {
    removed.push_back(entries_.at(id).record);
    remove(id, now);
  }
  trim(now);
  return removed;
}

void Catalog::refresh_leases(SimTime now) {
  for (auto& [id, e] : entries_) {
    e.renewed_at = now;
    set_expiry(id, e);
  }
}

SimTime Catalog::next_expiry() const {
  return deadlines_.empty() ? kNever : deadlines_.begin()->first;
}

SimTime Catalog::expires_at(InstanceId id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? kNever : it->second.expires_at;
}

const InstanceRecord* Catalog::find(InstanceId id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.record.get();
}

std::uint64_t Catalog::service_index(std::string_view service) const {
  if (service.empty()) return index_;
  auto it = service_index_.find(service);
  return it == service_index_.end() ? 0 : it->second;
}

UpdatePtr Catalog::full(std::string_view service) const {
  auto update = std::make_shared<CatalogUpdate>();
  update->full = true;
  update->index = index_;
  if (service.empty()) {
    update->changes.reserve(entries_.size());
    for (const auto& [id, e] : entries_) update->changes.push_back(Change{id, false, e.record});
  } else if (auto m = members_.find(service); m != members_.end()) {
    update->changes.reserve(m->second.ids.size());
    for (InstanceId id : m->second.ids) {
      update->changes.push_back(Change{id, false, entries_.at(id).record});
    }
  }
  return update;
}

UpdatePtr Catalog::delta(std::string_view service, std::uint64_t since, std::uint64_t upto) const {
  upto = std::min(upto, index_);
  if (since < trimmed_through_ || since > upto) return full(service);
  std::map<InstanceId, Change> last;
  // Indices in log_ are consecutive, so the first change after `since` is found by offset.
  const std::size_t first = log_.empty() ? 0 : since + 1 - log_.front().index;
  for (std::size_t i = first; i < log_.size() && log_[i].index <= upto; ++i) {
    const Change& c = log_[i].change;
    if (service.empty() || c.record->service == service) last.insert_or_assign(c.id, c);
  }
  auto update = std::make_shared<CatalogUpdate>();
  update->full = false;
  update->index = upto;
  update->changes.reserve(last.size());
  for (auto& [id, c] : last) update->changes.push_back(std::move(c));
  return update;
}

std::vector<InstanceId> Catalog::serving(std::string_view service) const {
  const auto ids = serving_ids(service);
  return {ids.begin(), ids.end()};
}

std::span<const InstanceId> Catalog::serving_ids(std::string_view service) const {
  auto m = members_.find(service);
  if (m == members_.end()) return {};
  return m->second.up;
}

std::uint64_t Catalog::serving_version(std::string_view service) const {
  auto m = members_.find(service);
  return m == members_.end() ? 0 : m->second.up_version;
}

std::vector<std::string> Catalog::services() const {
  std::vector<std::string> names;
  for (const auto& [name, ids] : members_) names.push_back(name);
  return names;
}

}  // namespace discolab::registry

#include "patterns/dns/dns_cache.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <stdexcept>

namespace discolab::dns {

namespace {

using std::chrono::seconds;

SimTime saturating_add(SimTime t, Duration d) { return d >= kNever - t ? kNever : t + d; }

std::uint32_t rfc2181_ttl(std::uint32_t ttl_s) { return ttl_s > 0x7FFFFFFFu ? 0 : ttl_s; }

// A preset that honours the record TTL within clamps.
DnsCacheConfig clamped(std::size_t capacity, Duration min_ttl, Duration max_ttl,
                       Duration min_negative_ttl, Duration max_negative_ttl) {
  DnsCacheConfig c;
  c.capacity = capacity;
  c.min_ttl = min_ttl;
  c.max_ttl = max_ttl;
  c.min_negative_ttl = min_negative_ttl;
  c.max_negative_ttl = max_negative_ttl;
  return c;
}

}  // namespace

DnsCacheConfig DnsCacheConfig::none() {
  DnsCacheConfig c;
  c.capacity = 0;
  return c;
}

DnsCacheConfig DnsCacheConfig::jvm() {
  DnsCacheConfig c;
  c.capacity = std::numeric_limits<std::size_t>::max();
  c.fixed_ttl = seconds(30);
  c.fixed_negative_ttl = seconds(10);
  return c;
}

DnsCacheConfig DnsCacheConfig::coredns() {
  return clamped(9984, seconds(5), seconds(3600), seconds(5), seconds(1800));
}

DnsCacheConfig DnsCacheConfig::node_local() {
  return clamped(9984, seconds(5), seconds(30), seconds(0), seconds(5));
}

DnsCacheConfig DnsCacheConfig::systemd_resolved() {
  return clamped(4096, seconds(0), std::chrono::hours(2), seconds(0), std::chrono::hours(2));
}

DnsCacheKey make_key(std::string_view name, RrType type) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return DnsCacheKey{lowercase(name), type};
}

std::size_t DnsCacheKeyHash::operator()(const DnsCacheKey& key) const noexcept {
  return std::hash<std::string>{}(key.name) * 31u + static_cast<std::size_t>(key.type);
}

bool is_negative(const DnsMessage& response) {
  return response.header.rcode == Rcode::name_error ||
         (response.header.rcode == Rcode::no_error && response.answers.empty());
}

std::optional<std::uint32_t> answer_ttl_s(const DnsMessage& response) {
  if (!is_negative(response)) {
    std::uint32_t ttl = std::numeric_limits<std::uint32_t>::max();
    for (const ResourceRecord& rr : response.answers) ttl = std::min(ttl, rfc2181_ttl(rr.ttl_s));
    return ttl;
  }
  for (const ResourceRecord& rr : response.authority) {
    if (const auto* soa = std::get_if<SoaRecord>(&rr.data)) {
      return std::min(rfc2181_ttl(rr.ttl_s), rfc2181_ttl(soa->minimum_s));
    }
  }
  return std::nullopt;
}

DnsCache::DnsCache(DnsCacheConfig config) : config_(std::move(config)) {
  if (config_.min_ttl > config_.max_ttl || config_.min_negative_ttl > config_.max_negative_ttl) {
    throw std::invalid_argument("DnsCache: a min TTL exceeds its max");
  }
}

std::optional<Duration> DnsCache::clamp(std::optional<Duration> ttl, bool negative) const {
  if (!ttl) return std::nullopt;
  return negative ? std::clamp(*ttl, config_.min_negative_ttl, config_.max_negative_ttl)
                  : std::clamp(*ttl, config_.min_ttl, config_.max_ttl);
}

std::optional<Duration> DnsCache::ttl_for(const DnsMessage& response) const {
  if (config_.capacity == 0 || response.header.tc) return std::nullopt;
  const Rcode rcode = response.header.rcode;
  if (rcode != Rcode::no_error && rcode != Rcode::name_error) return std::nullopt;
  const bool negative = is_negative(response);
  const std::optional<Duration>& fixed = negative ? config_.fixed_negative_ttl : config_.fixed_ttl;
  std::optional<Duration> ttl;
  if (fixed) {
    ttl = fixed;
  } else if (const auto wire = answer_ttl_s(response)) {
    ttl = clamp(seconds(*wire), negative);
  }
  if (!ttl || (ttl->count() <= 0 && config_.stale_ttl.count() <= 0)) return std::nullopt;
  return ttl;
}

DnsCache::InsertResult DnsCache::insert(const DnsCacheKey& key, CachedAnswer answer, SimTime now) {
  InsertResult result;
  if (!answer.response) return result;
  const auto ttl = ttl_for(*answer.response);
  if (!ttl) return result;
  CacheEntry entry;
  entry.answer = std::move(answer);
  entry.stored_at = now;
  entry.expires_at = saturating_add(now, *ttl);
  entry.stale_until = saturating_add(entry.expires_at, config_.stale_ttl);

  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second.entry = std::move(entry);
    lru_.splice(lru_.begin(), lru_, it->second.recency);
    result.entry = &it->second.entry;
    return result;
  }
  while (entries_.size() >= config_.capacity && !lru_.empty()) {
    result.evicted.push_back(lru_.back());
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(key);
  auto [it, inserted] = entries_.emplace(key, Slot{std::move(entry), lru_.begin()});
  result.entry = &it->second.entry;
  return result;
}

CacheLookup DnsCache::lookup(const DnsCacheKey& key, SimTime now) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  const CacheEntry& entry = it->second.entry;
  CacheState state = CacheState::miss;
  if (now < entry.expires_at) {
    state = CacheState::fresh;
  } else if (now < entry.stale_until) {
    state = CacheState::stale;
  } else {
    return {};
  }
  lru_.splice(lru_.begin(), lru_, it->second.recency);
  return CacheLookup{state, &entry};
}

const CacheEntry* DnsCache::peek(const DnsCacheKey& key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second.entry;
}

bool DnsCache::erase(const DnsCacheKey& key) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return false;
  lru_.erase(it->second.recency);
  entries_.erase(it);
  return true;
}

}  // namespace discolab::dns

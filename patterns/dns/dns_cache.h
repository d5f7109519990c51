// A DNS cache with TTL semantics: pure (time is passed in), deterministic, bounded.
//
// Models the cache of a client library (JVM InetAddress), of a node-local cache/proxy
// (NodeLocal DNSCache, DC/OS Spartan) and of a caching resolver (CoreDNS `cache`). It keeps,
// per (lowercased name, type), the last response and the endpoints it names:
// - positive answers live for the smallest TTL of their answer records (RFC 2181 5.2);
// - negative answers (NXDOMAIN, or NOERROR without answers) live for min(SOA TTL, SOA
//   minimum) of the SOA in the authority section (RFC 2308 section 5) and are not cached
//   without one; SERVFAIL, REFUSED and truncated (TC) answers are never cached;
// - the TTL is then clamped to [min_ttl, max_ttl] (or the negative pair), or replaced by a
//   fixed TTL when one is set (JVM networkaddress.cache.ttl ignores the record TTL);
// - an entry is fresh while now < expires_at — at the instant of expiry it is no longer —
//   and stale for `stale_ttl` after that (RFC 8767 serve-stale; the resolver decides when a
//   stale entry may be served: only when the upstream fails);
// - at most `capacity` entries; inserting into a full cache evicts the least recently used
//   (lookups and inserts count as use).
// All durations are simulated time; TTLs on the wire are whole seconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/time.h"
#include "patterns/dns/dns_message.h"

namespace discolab::dns {

struct DnsCacheConfig {
  std::size_t capacity = 9984;               // entries; 0 stores nothing (a resolver without cache)
  Duration min_ttl{0};                       // positive answers' TTL is raised to this …
  Duration max_ttl = std::chrono::hours(1);  // … and lowered to this
  Duration min_negative_ttl{0};
  Duration max_negative_ttl = std::chrono::minutes(30);
  // Replace the answer's TTL (no clamps). Duration::max() caches forever (JVM ttl = -1).
  std::optional<Duration> fixed_ttl;
  std::optional<Duration> fixed_negative_ttl;  // also caches negative answers without SOA
  Duration stale_ttl{0};  // serve-stale window after expiry; 0 turns serve-stale off

  // Presets of real systems (sources in docs/building-blocks/dns.md and
  // real-system-defaults.json).
  static DnsCacheConfig none();        // glibc stub resolver, Go resolver: no cache
  static DnsCacheConfig jvm();         // networkaddress.cache.ttl 30 s, negative 10 s, unbounded
  static DnsCacheConfig coredns();     // `cache` plugin: min 5 s, max 3600 s, denial 1800 s, 9984
  static DnsCacheConfig node_local();  // NodeLocal DNSCache: success max 30 s, denial max 5 s
  static DnsCacheConfig systemd_resolved();  // record TTL capped at 2 h, 4096 entries
};

struct DnsCacheKey {
  std::string name;  // lowercase, no trailing dot (make_key does both)
  RrType type = RrType::a;
  friend bool operator==(const DnsCacheKey&, const DnsCacheKey&) = default;
};
DnsCacheKey make_key(std::string_view name, RrType type);

struct DnsCacheKeyHash {
  std::size_t operator()(const DnsCacheKey& key) const noexcept;
};

struct CachedAnswer {
  std::shared_ptr<const DnsMessage> response;  // as received: records and rcode
  EndpointListPtr endpoints;                   // what it names, in answer order; empty if negative
  bool negative = false;
};

struct CacheEntry {
  CachedAnswer answer;
  SimTime stored_at{};
  SimTime expires_at{};   // fresh while now < expires_at
  SimTime stale_until{};  // servable as stale while now < stale_until
};

enum class CacheState : std::uint8_t { miss, fresh, stale };

struct CacheLookup {
  CacheState state = CacheState::miss;
  const CacheEntry* entry = nullptr;  // valid until the next non-const call; null on miss
};

class DnsCache {
 public:
  // Throws std::invalid_argument if a min TTL exceeds its max.
  explicit DnsCache(DnsCacheConfig config);

  const DnsCacheConfig& config() const { return config_; }

  // How long this cache keeps `response`, or nullopt if it must not be cached. A TTL of zero
  // is returned (and stored) only when serve-stale is on; otherwise zero means nullopt.
  std::optional<Duration> ttl_for(const DnsMessage& response) const;

  struct InsertResult {
    const CacheEntry* entry = nullptr;  // null: not cacheable, nothing changed
    std::vector<DnsCacheKey> evicted;   // LRU victims removed to make room
  };
  // Stores `answer` under `key` at `now`, replacing any entry for the key.
  InsertResult insert(const DnsCacheKey& key, CachedAnswer answer, SimTime now);

  // Fresh, stale (inside the serve-stale window) or miss; a hit counts as use for LRU.
  CacheLookup lookup(const DnsCacheKey& key, SimTime now);
  const CacheEntry* peek(const DnsCacheKey& key) const;  // no LRU touch, no time check

  bool erase(const DnsCacheKey& key);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Slot {
    CacheEntry entry;
    std::list<DnsCacheKey>::iterator recency;  // position in lru_
  };

  std::optional<Duration> clamp(std::optional<Duration> ttl, bool negative) const;

  DnsCacheConfig config_;
  std::unordered_map<DnsCacheKey, Slot, DnsCacheKeyHash> entries_;
  std::list<DnsCacheKey> lru_;  // most recently used first
};

// The TTL an answer carries on the wire (positive: smallest answer TTL; negative: RFC 2308
// SOA rule), or nullopt for a negative answer without SOA. TTLs with the top bit set count
// as zero (RFC 2181 section 8).
std::optional<std::uint32_t> answer_ttl_s(const DnsMessage& response);
bool is_negative(const DnsMessage& response);

}  // namespace discolab::dns

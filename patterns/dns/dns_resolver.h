// A caching DNS resolver: the client side of DNS, with a DnsCache in front of upstreams.
//
// One component covers the three places a DNS cache sits in the patterns:
// - a client library (glibc without cache, JVM with a fixed 30 s TTL): the caller uses
//   resolve() in-process; only the queries to the upstream cross the network;
// - a node-local cache/proxy (NodeLocal DNSCache, DC/OS Spartan): other components on the
//   host send queries to endpoint() ("node-local-dns") and get answers from its cache;
// - a central caching resolver (CoreDNS `cache` in front of an authoritative server).
// Its endpoint both sends upstream queries and answers queries sent to it.
//
// Upstream timing (glibc res_send): a query goes to upstreams[0]; with no answer after
// `timeout` it goes to the next upstream, and after the last, round after round, for
// `attempts` rounds: at most attempts × upstreams tries, the same query id throughout, and
// an answer to any earlier try is accepted. SERVFAIL, REFUSED and other error codes move on
// to the next try at once. A truncated (TC) UDP answer is asked again over TCP of the same
// upstream (the same try; its timer restarts) when tcp_on_truncation, else used as is.
// When every try has failed, a stale cached answer is served if one is within the
// serve-stale window (RFC 8767), else the lookup fails. Concurrent lookups of one name and
// type share one upstream query.
//
// Views (decision: an expired entry is no view at all): a cached answer is a view of the
// service, "<component>/<name>" and the service label of the name (or the whole name), one
// per (name, type). It opens when an answer is first cached, changes when a cached answer
// names other instances, and closes when the entry leaves the cache — at the end of its
// serve-stale window (at expiry itself without serve-stale) or on LRU eviction. A negative
// answer is an empty view. A resolver without cache holds no views.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/random.h"
#include "patterns/core/runtime.h"
#include "patterns/dns/dns_cache.h"
#include "patterns/dns/dns_message.h"
#include "patterns/dns/dns_naming.h"
#include "patterns/dns/dns_transport.h"

namespace discolab::dns {

struct DnsResolverConfig {
  std::string name = "resolver";         // unique; names its views and random stream
  std::string component = "dns-client";  // runtime component: "dns-client", "node-local-dns" …
  DnsNaming naming;
  std::vector<EndpointId> upstreams;              // DNS servers or other resolvers, tried in order
  Duration timeout = std::chrono::seconds(5);     // per try (glibc RES_TIMEOUT)
  std::uint32_t attempts = 2;                     // rounds over the upstreams (glibc RES_DFLRETRY)
  Transport upstream_transport = Transport::udp;  // tcp: NodeLocal DNSCache's force_tcp
  std::uint16_t edns_udp_bytes = 0;  // advertised UDP payload size; 0: no EDNS (512 bytes)
  bool tcp_on_truncation = true;     // retry a TC answer over TCP
  DnsCacheConfig cache = DnsCacheConfig::none();
  Duration stale_answer_ttl = std::chrono::seconds(30);  // TTL given with a stale answer (RFC 8767)
  std::size_t max_udp_answer_bytes = 1232;  // largest UDP answer it sends to its own clients
  // false: the cache's entries are not reported as views (the resolver's holder reports its
  // own: a client library's DnsSource, whose resolved list is the caller's one view).
  bool report_views = true;

  static DnsResolverConfig glibc(std::vector<EndpointId> upstreams);  // no cache, 5 s × 2
  static DnsResolverConfig jvm(std::vector<EndpointId> upstreams);    // glibc + JVM cache 30 s/10 s
  // NodeLocal DNSCache: "node-local-dns", TCP upstream, success ≤ 30 s, denial ≤ 5 s.
  static DnsResolverConfig node_local(std::vector<EndpointId> upstreams);
  // A CoreDNS `cache` in front of the authoritative server: "dns-resolver", cache plugin defaults.
  static DnsResolverConfig coredns_cache(std::vector<EndpointId> upstreams);
};

enum class ResolveStatus : std::uint8_t {
  ok,         // endpoints holds the answer
  not_found,  // NXDOMAIN, or no records of the type (NODATA)
  failed,     // every try timed out or failed, and no stale answer was at hand
};

struct ResolveResult {
  ResolveStatus status = ResolveStatus::failed;
  EndpointListPtr endpoints;                   // in answer order; never null (empty unless ok)
  std::shared_ptr<const DnsMessage> response;  // the upstream answer used; null if failed
  Duration ttl_left{0};  // how long the answer may still be used (0 if uncached)
  bool from_cache = false;
  bool stale = false;  // served past its TTL because the upstream failed
};

using ResolveCallback = std::function<void(const ResolveResult&)>;

class DnsResolver {
 public:
  // Opens config.component on `host`. `book` maps answers' addresses back to instances.
  DnsResolver(Runtime& runtime, HostId host, DnsResolverConfig config,
              std::shared_ptr<const AddressBook> book);
  ~DnsResolver();  // pending lookups are abandoned without a callback
  DnsResolver(const DnsResolver&) = delete;
  DnsResolver& operator=(const DnsResolver&) = delete;

  EndpointId endpoint() const { return endpoint_; }
  const DnsResolverConfig& config() const { return config_; }
  const DnsCache& cache() const { return cache_; }
  void set_upstreams(std::vector<EndpointId> upstreams) {
    config_.upstreams = std::move(upstreams);
  }

  // Resolves `name`. A fresh cache hit calls back before resolve() returns; otherwise the
  // callback runs once, later, from a message or timer callback.
  void resolve(std::string_view name, RrType type, ResolveCallback callback);

  struct Stats {
    std::uint64_t lookups = 0;
    std::uint64_t cache_hits = 0;
    std::uint64_t tries_sent = 0;  // upstream queries, TCP retries included
    std::uint64_t timeouts = 0;
    std::uint64_t tcp_retries = 0;
    std::uint64_t stale_served = 0;
    std::uint64_t failures = 0;
    std::uint64_t malformed = 0;       // undecodable or unexpected messages received
    std::uint64_t queries_served = 0;  // queries answered for other components
  };
  const Stats& stats() const { return stats_; }

 private:
  struct Pending {
    DnsCacheKey key;
    std::string name;  // as asked first
    std::uint32_t try_index = 0;
    Transport transport = Transport::udp;
    TimerId timer = kNoTimer;
    std::vector<ResolveCallback> callbacks;
  };
  // A query another component sent to this resolver's endpoint, kept until it is answered.
  struct ClientQuery {
    EndpointId from = kNoEndpoint;
    Transport transport = Transport::udp;
    Header header;
    std::optional<Question> question;  // absent when the query did not hold exactly one
    std::optional<std::uint16_t> edns_udp_bytes;
  };
  struct View {
    ViewId id = 0;
    std::vector<InstanceId> reported;
    TimerId expiry = kNoTimer;
  };

  void on_message(const Message& msg);
  void on_answer(const DnsMessage& answer, Transport transport);
  void on_query(const Message& msg, const DnsPacket& packet);
  void reply(const ClientQuery& query, Rcode rcode, const ResolveResult* result);
  void send_try(std::uint16_t id);
  void next_try(std::uint16_t id);
  void finish(std::uint16_t id, const ResolveResult& result);
  void fail(std::uint16_t id);
  ResolveResult result_of(const CacheEntry& entry, bool stale) const;
  void cache_answer(const DnsCacheKey& key, const std::string& name, CachedAnswer answer);
  void close_view(const DnsCacheKey& key);
  std::uint32_t total_tries() const;

  Runtime& runtime_;
  DnsResolverConfig config_;
  std::shared_ptr<const AddressBook> book_;
  DnsCache cache_;
  RandomStream ids_;
  EndpointId endpoint_ = kNoEndpoint;
  std::map<std::uint16_t, Pending> pending_;  // by query id
  std::unordered_map<DnsCacheKey, std::uint16_t, DnsCacheKeyHash> pending_by_key_;
  std::unordered_map<DnsCacheKey, View, DnsCacheKeyHash> views_;
  std::string view_component_;
  Stats stats_;
};

}  // namespace discolab::dns

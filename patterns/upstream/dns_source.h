// The pull side of the resolver interface: an EndpointSource that resolves a service's name
// through a DnsResolver when its holder needs an answer, as gRPC's DNS resolver (and every
// client library calling getaddrinfo or InetAddress.getAllByName) does.
//
// - prepare(fresh), before a request's first try: the resolver is asked for
//   "<service>.service.<domain>" (A). A fresh answer in the client's cache comes back at once
//   and becomes the list; otherwise the source is pending() while the lookup is in flight
//   (the try waits: Upstream answers WaitForTarget, RetryingCaller parks it), and tries that
//   arrive meanwhile wait for the same lookup. The answer, in answer order (the server's
//   rotation), becomes the list and the waiting tries go on with it through settled() —
//   even when no cache keeps it (glibc, TTL 0): the next request then looks up again, the
//   tries that waited do not.
// - prepare(held), before a retry: the held answer is used (a client tries the next address
//   of the answer it has, as curl and Java's HttpURLConnection do); a lookup only if none
//   was ever answered.
// - A lookup that fails (every resolver try timed out or was refused, no stale answer):
//   the waiting tries fail with failure() (dns_failed), whatever list was held; errors()
//   counts it. Requests within failure_ttl after it fail at once without a lookup (the JVM
//   caches an UnknownHostException for networkaddress.cache.negative.ttl, 10 s); after that
//   (at once with failure_ttl 0: glibc keeps nothing) the next request looks up again.
// - NXDOMAIN or an answer without records: the list becomes empty (no_endpoint).
//
// Caching is the resolver's (DnsResolverConfig::cache): none (glibc), the JVM's fixed 30 s
// (networkaddress.cache.ttl), the record's TTL. The resolver's own cache views are off
// (report_views false): the source's list is its holder's one view, "<name>" (one per
// caller), reported on start() (empty) and whenever the set of instances changes; so
// staleness figures count what the client's DNS cache holds. The resolver (its endpoint
// "dns-client", its query-id stream "<name>"/"dns-query-id") is created at start().
// Every answer a lookup gives (a cache hit or a fresh one, after the view took it) is reported
// as a read of the view (Observer::view_read): the simulator counts the stale ones.
// No periodic timer: nothing is resolved until a request needs it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patterns/dns/dns_resolver.h"
#include "patterns/upstream/endpoint_source.h"

namespace discolab {

struct DnsSourceConfig {
  std::string name;                 // the view's component ("client/users-3"); names the resolver
  std::string service;              // the service looked up
  dns::DnsResolverConfig resolver;  // upstreams, timeout × attempts, cache, naming
  Duration failure_ttl{0};          // how long a failed lookup is remembered
};

class DnsSource final : public EndpointSource {
 public:
  DnsSource(Runtime& rt, HostId host, DnsSourceConfig config,
            std::shared_ptr<const dns::AddressBook> book);
  ~DnsSource() override;
  DnsSource(const DnsSource&) = delete;
  DnsSource& operator=(const DnsSource&) = delete;

  void start(SourceListener& listener, SourceView view) override;
  void stop() override { running_ = false; }

  void prepare(PickNeed need) override;
  bool pending() const override { return in_flight_; }
  std::optional<FailureCause> failure() const override;
  bool answered() const override { return answered_; }
  std::uint64_t errors() const override { return errors_; }
  const EndpointListPtr& endpoints() const override { return list_; }

  // The DNS servers (or node-local cache) asked, e.g. after a DNS server restarted elsewhere.
  void set_upstreams(std::vector<EndpointId> upstreams);
  const dns::DnsResolver* resolver() const { return resolver_.get(); }
  std::uint64_t lookups() const { return lookups_; }  // lookups started (cache hits included)

 private:
  void on_result(const dns::ResolveResult& result, bool synchronous);
  void take(const EndpointListPtr& list);

  Runtime& rt_;
  HostId host_;
  DnsSourceConfig config_;
  std::string query_name_;
  std::shared_ptr<const dns::AddressBook> book_;
  std::unique_ptr<dns::DnsResolver> resolver_;
  SourceListener* listener_ = nullptr;
  EndpointListPtr list_;
  std::optional<ViewId> view_;
  std::vector<InstanceId> reported_;
  bool running_ = false;
  bool in_flight_ = false;
  bool resolving_ = false;   // inside resolver.resolve(): a callback now is a cache hit
  bool delivering_ = false;  // inside settled(): the waiting tries take the answer
  bool failed_ = false;      // the pick being made fails (dns_failed)
  SimTime failed_until_{};   // a failed lookup is remembered until then
  bool answered_ = false;
  std::uint64_t errors_ = 0;
  std::uint64_t lookups_ = 0;
};

}  // namespace discolab

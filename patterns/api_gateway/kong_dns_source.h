// A gateway's upstream targets resolved by DNS as Kong's balancer does (lua-resty-dns-client,
// Kong ≤ 3.5; kong.conf `dns_stale_ttl`): "how long a record will remain in cache past its
// TTL. This value will be used while the new DNS record is fetched in the background. Stale
// data will be used from expiry of a record until either the refresh query completes, or the
// dns_stale_ttl number of seconds have passed" (kong/templates/kong_defaults.lua: 4 s before
// Kong 3.6, 3600 s since).
//
// An EndpointSource, driven by the requests that need it (prepare(), before each try):
// - no answer yet, or the last one older than TTL + stale_ttl: a lookup in the foreground;
//   the source is pending() and the tries wait for it (as Kong's first resolution does);
// - fresh (within the record's TTL, as the resolver's cache gives it): nothing to do;
// - expired but within stale_ttl: the stale list serves and a background lookup starts (one
//   at a time); its answer replaces the list when it comes. A failed background lookup keeps
//   the stale list until the window ends.
// A failed lookup fails the tries waiting for it with dns_failed (a background one only once
// the stale window is over; until then the stale list serves). Its list is the
// holder's view ("<name>"), reported when the set of instances changes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patterns/dns/dns_resolver.h"
#include "patterns/upstream/endpoint_source.h"

namespace discolab {

struct KongDnsSourceConfig {
  std::string name;                 // the view's component; names the resolver
  std::string service;              // the service looked up
  dns::DnsResolverConfig resolver;  // its cache keeps records for their TTL (dns_valid_ttl unset)
  Duration stale_ttl = std::chrono::seconds(4);
};

class KongDnsSource final : public EndpointSource {
 public:
  KongDnsSource(Runtime& rt, HostId host, KongDnsSourceConfig config,
                std::shared_ptr<const dns::AddressBook> book);
  ~KongDnsSource() override;
  KongDnsSource(const KongDnsSource&) = delete;
  KongDnsSource& operator=(const KongDnsSource&) = delete;

  void start(SourceListener& listener, SourceView view) override;
  void stop() override { running_ = false; }
  void prepare(PickNeed need) override;
  // A lookup in flight with no list to serve meanwhile (none yet, or the stale window over).
  bool pending() const override { return in_flight_ && !servable(); }
  std::optional<FailureCause> failure() const override;
  bool answered() const override { return answered_; }
  std::uint64_t errors() const override { return errors_; }
  const EndpointListPtr& endpoints() const override { return list_; }

  void set_upstreams(std::vector<EndpointId> upstreams);
  std::uint64_t lookups() const { return lookups_; }
  std::uint64_t background_lookups() const { return background_lookups_; }
  std::uint64_t stale_picks() const { return stale_picks_; }

 private:
  bool servable() const { return answered_ && rt_.now() < expires_at_ + config_.stale_ttl; }
  void lookup(bool background);
  void on_result(const dns::ResolveResult& result, bool background, bool synchronous);
  void take(const EndpointListPtr& list);

  Runtime& rt_;
  HostId host_;
  KongDnsSourceConfig config_;
  std::string query_name_;
  std::shared_ptr<const dns::AddressBook> book_;
  std::unique_ptr<dns::DnsResolver> resolver_;
  SourceListener* listener_ = nullptr;
  EndpointListPtr list_;
  std::optional<ViewId> view_;
  std::vector<InstanceId> reported_;
  SimTime expires_at_{};  // the list is fresh until then, stale until + stale_ttl
  bool running_ = false;
  bool in_flight_ = false;
  bool background_ = false;
  bool resolving_ = false;
  bool delivering_ = false;  // inside settled(): the waiting tries take this lookup's outcome
  bool failed_ = false;
  bool answered_ = false;
  std::uint64_t errors_ = 0;
  std::uint64_t lookups_ = 0;
  std::uint64_t background_lookups_ = 0;
  std::uint64_t stale_picks_ = 0;
};

}  // namespace discolab

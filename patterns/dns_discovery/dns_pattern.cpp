#include "patterns/dns_discovery/dns_pattern.h"

#include <stdexcept>

#include "patterns/upstream/registry_sources.h"

namespace discolab {

// The DNS server's consumer of one service: a registry source (watch, poll or blocking
// query) whose every list goes to the server. Silent: the server reports its own view.
struct DnsPattern::Feed final : SourceListener {
  DnsPattern* pattern = nullptr;
  std::string service;
  std::unique_ptr<EndpointSource> source;

  void endpoints_changed(const EndpointListPtr& list) override {
    if (pattern->dns_) pattern->dns_->set_service(service, list);
  }
  void settled() override {}
};

DnsPattern::DnsPattern(Runtime& rt, DnsPatternConfig config)
    : rt_(rt), config_(std::move(config)), book_(std::make_shared<dns::AddressBook>()) {}

DnsPattern::~DnsPattern() = default;

void DnsPattern::start() {
  registry_ =
      std::make_unique<registry::RegistryServer>(rt_, config_.registry_host, config_.server);
  RegistrationSetup setup;
  setup.mode = config_.registration_mode;
  setup.self = config_.registration;
  setup.sidecar = config_.sidecar;
  setup.orchestrator = config_.orchestrator;
  setup.orchestrator_host = config_.orchestrator_host;
  registration_.emplace(rt_, registry_->endpoint(), std::move(setup));
  start_dns_server();
}

void DnsPattern::start_dns_server() {
  dns_ = std::make_unique<dns::DnsServer>(rt_, config_.dns_host, config_.dns, book_);
  for (const auto& [service, feed] : feeds_) {
    if (feed->source->answered()) dns_->set_service(service, feed->source->endpoints());
  }
}

void DnsPattern::feed_service(const std::string& service) {
  if (feeds_.contains(service)) return;
  auto feed = std::make_unique<Feed>();
  feed->pattern = this;
  feed->service = service;
  const std::string name = "dns-server/" + service;
  auto configure = [&](auto c) {
    c.name = name;
    c.service = service;
    c.endpoint_kind = "dns-server";
    return c;
  };
  switch (config_.feed) {
    case DnsFeed::watch:
      feed->source = std::make_unique<WatchSource>(rt_, config_.dns_host, registry_->endpoint(),
                                                   configure(registry::WatcherConfig{}));
      break;
    case DnsFeed::poll: {
      // Mesos-DNS re-reads the state every refreshSeconds, from its own start (random phase).
      registry::PollerConfig c = configure(registry::PollerConfig{});
      c.interval = config_.poll_interval;
      c.delta = false;
      feed->source = std::make_unique<PollSource>(rt_, config_.dns_host, registry_->endpoint(), c);
      break;
    }
    case DnsFeed::blocking_query:
      feed->source = std::make_unique<BlockingQuerySource>(
          rt_, config_.dns_host, registry_->endpoint(), configure(registry::BlockingQueryConfig{}));
      break;
  }
  feed->source->start(*feed, SourceView::silent);
  feeds_.emplace(service, std::move(feed));
}

void DnsPattern::instance_started(const InstanceInfo& info) {
  if (!registration_) throw std::logic_error("dns: instance_started before start()");
  feed_service(info.service);
  registration_->instance_started(info);
}

void DnsPattern::instance_ready(InstanceId id) { registration_->instance_ready(id); }
void DnsPattern::instance_stopping(InstanceId id) { registration_->instance_stopping(id); }
void DnsPattern::instance_crashed(InstanceId id) { registration_->instance_crashed(id); }
void DnsPattern::instance_gone(InstanceId id) { registration_->instance_gone(id); }

void DnsPattern::host_down(HostId host) {
  if (!registry_) return;
  if (host == config_.registry_host) registry_->stop();
  // The DNS server's host is down: the runtime drops its queries; its feeds stop with it.
  if (host == config_.dns_host) {
    for (auto& [service, feed] : feeds_) feed->source->stop();
  }
}

void DnsPattern::host_up(HostId host) {
  if (!registry_) return;
  if (host == config_.registry_host) registry_->start();
  // Back up, the DNS server re-reads the registry (CoreDNS lists and watches again).
  if (host == config_.dns_host) {
    for (auto& [service, feed] : feeds_) {
      feed->source->stop();
      feed->source->start(*feed, SourceView::silent);
    }
  }
}

void DnsPattern::component_down(std::string_view component) {
  if (!registry_) return;
  if (component == "registry") registry_->stop();
  if (component == "dns-server") dns_server_down();
}

void DnsPattern::component_up(std::string_view component) {
  if (!registry_) return;
  if (component == "registry") registry_->start();
  if (component == "dns-server") dns_server_up();
}

void DnsPattern::dns_server_down() {
  if (!dns_process_up_) return;
  dns_process_up_ = false;
  dns_.reset();  // the endpoint closes: queries are refused
  for (auto& [service, feed] : feeds_) feed->source->stop();
}

void DnsPattern::dns_server_up() {
  if (dns_process_up_ || !registry_) return;
  dns_process_up_ = true;
  start_dns_server();
  for (auto& [service, feed] : feeds_) feed->source->start(*feed, SourceView::silent);
  // The restarted server listens on a new endpoint: whoever asked the old one asks it.
  for (auto& [host, resolver] : node_locals_) resolver->set_upstreams({dns_->endpoint()});
  if (!config_.node_local) {
    for (DnsSource* source : sources_) source->set_upstreams({dns_->endpoint()});
  }
}

const dns::DnsResolver* DnsPattern::node_local(HostId host) const {
  const auto it = node_locals_.find(host);
  return it == node_locals_.end() ? nullptr : it->second.get();
}

// The DNS server for a client on `caller_host`, or its host's node-local cache (created with
// the host's first caller).
EndpointId DnsPattern::resolver_upstream(HostId caller_host) {
  const EndpointId server = dns_ ? dns_->endpoint() : kNoEndpoint;
  if (!config_.node_local) return server;
  auto& cache = node_locals_[caller_host];
  if (!cache) {
    dns::DnsResolverConfig c = dns::DnsResolverConfig::node_local({server});
    c.name = "node-local/" + std::to_string(caller_host);
    c.naming = config_.dns.naming;
    c.cache = config_.node_local_cache;
    cache = std::make_unique<dns::DnsResolver>(rt_, caller_host, std::move(c), book_);
  }
  return cache->endpoint();
}

// A client library: its own resolver (with the configured cache) behind a DnsSource, its
// own balancer over the answer.
Caller& DnsPattern::add_caller(const CallerInfo& info) {
  if (!registry_) throw std::logic_error("dns: add_caller before start()");
  feed_service(info.target_service);
  DnsSourceConfig source;
  source.name = "client/" + info.name;
  source.service = info.target_service;
  const std::vector<EndpointId> upstreams{resolver_upstream(info.host)};
  switch (config_.client_cache) {
    case DnsClientCache::none:
      source.resolver = dns::DnsResolverConfig::glibc(upstreams);
      break;
    case DnsClientCache::jvm:
      source.resolver = dns::DnsResolverConfig::jvm(upstreams);
      source.resolver.cache.fixed_ttl = config_.client_cache_ttl;
      // A failed lookup is an UnknownHostException, which the JDK caches as a negative
      // answer (InetAddress NameServiceAddresses; networkaddress.cache.negative.ttl 10 s).
      source.failure_ttl = source.resolver.cache.fixed_negative_ttl.value_or(Duration{0});
      break;
    case DnsClientCache::ttl:
      source.resolver = dns::DnsResolverConfig::glibc(upstreams);
      source.resolver.cache = dns::DnsCacheConfig{};  // the record's TTL, up to an hour
      break;
  }
  source.resolver.naming = config_.dns.naming;
  source.resolver.timeout = config_.client_timeout;
  source.resolver.attempts = config_.client_attempts;
  UpstreamConfig up;
  up.name = source.name;
  up.entity = info.name;
  up.service = info.target_service;
  up.balancer = config_.balancer;
  up.active_checks = config_.active_checks;
  up.outlier_detection = config_.outlier_detection;
  up.panic_threshold_percent = config_.panic_threshold_percent;
  auto dns_source = std::make_unique<DnsSource>(rt_, info.host, std::move(source), book_);
  sources_.push_back(dns_source.get());
  callers_.push_back(
      std::make_unique<UpstreamCaller>(rt_, info, std::move(up), std::move(dns_source)));
  return *callers_.back();
}

void DnsPattern::remove_caller(Caller& caller) {
  for (std::size_t k = 0; k < callers_.size(); ++k) {
    if (callers_[k].get() != &caller) continue;
    callers_.erase(callers_.begin() + static_cast<std::ptrdiff_t>(k));
    sources_.erase(sources_.begin() + static_cast<std::ptrdiff_t>(k));
    return;
  }
}

}  // namespace discolab

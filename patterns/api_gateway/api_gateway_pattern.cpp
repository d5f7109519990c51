#include "patterns/api_gateway/api_gateway_pattern.h"

#include <stdexcept>

#include "patterns/api_gateway/kong_dns_source.h"
#include "patterns/upstream/registry_sources.h"

namespace discolab {

// The DNS server's consumer of one service (as the DNS pattern's CoreDNS): every list the
// registry watch delivers goes to the server. Silent: the server is no holder's view.
struct ApiGatewayPattern::Feed final : SourceListener {
  ApiGatewayPattern* pattern = nullptr;
  std::string service;
  std::unique_ptr<EndpointSource> source;
  void endpoints_changed(const EndpointListPtr& list) override {
    if (pattern->dns_) pattern->dns_->set_service(service, list);
  }
  void settled() override {}
};

CentralLbConfig ApiGatewayPattern::edge_config() {
  CentralLbConfig c = config_.edge;
  c.role = "gateway";
  if (config_.dns_upstreams) {
    c.lb.source_factory = [this](const std::string& service, const std::string& entity,
                                 HostId host) { return dns_source(service, entity, host); };
  }
  return c;
}

ApiGatewayPattern::ApiGatewayPattern(Runtime& rt, ApiGatewayConfig config)
    : rt_(rt),
      config_(std::move(config)),
      book_(std::make_shared<dns::AddressBook>()),
      edge_(rt, edge_config()) {}

ApiGatewayPattern::~ApiGatewayPattern() { internal_.clear(); }

void ApiGatewayPattern::start() {
  if (config_.dns_upstreams)
    dns_ = std::make_unique<dns::DnsServer>(rt_, config_.edge.registry_host, config_.dns, book_);
  edge_.start();
}

void ApiGatewayPattern::instance_started(const InstanceInfo& info) {
  if (dns_) feed_service(info.service);
  edge_.instance_started(info);
}

void ApiGatewayPattern::feed_service(const std::string& service) {
  if (feeds_.contains(service) || !edge_.registry()) return;
  auto feed = std::make_unique<Feed>();
  feed->pattern = this;
  feed->service = service;
  registry::WatcherConfig w;
  w.name = "dns-server/" + service;
  w.service = service;
  w.endpoint_kind = "dns-server";
  feed->source = std::make_unique<WatchSource>(rt_, config_.edge.registry_host,
                                               edge_.registry()->endpoint(), std::move(w));
  feed->source->start(*feed, SourceView::silent);
  feeds_.emplace(service, std::move(feed));
}

// Kong's balancer resolving the service's host name through the cluster DNS.
std::unique_ptr<EndpointSource> ApiGatewayPattern::dns_source(const std::string& service,
                                                              const std::string& entity,
                                                              HostId host) {
  feed_service(service);
  KongDnsSourceConfig c;
  c.name = entity;
  c.service = service;
  c.resolver.naming = config_.dns.naming;
  c.resolver.upstreams = {dns_->endpoint()};
  c.resolver.cache = dns::DnsCacheConfig{};  // record TTLs (dns_valid_ttl unset)
  c.resolver.cache.capacity = 10000;         // Kong dns_cache_size
  c.stale_ttl = config_.dns_stale_ttl;
  return std::make_unique<KongDnsSource>(rt_, host, std::move(c), book_);
}

// The DNS server shares the registry's host: down with it; back, it lists and watches again.
void ApiGatewayPattern::host_down(HostId host) {
  if (dns_ && host == config_.edge.registry_host)
    for (auto& [service, feed] : feeds_) feed->source->stop();
  edge_.host_down(host);
}

void ApiGatewayPattern::host_up(HostId host) {
  edge_.host_up(host);
  if (dns_ && host == config_.edge.registry_host) {
    for (auto& [service, feed] : feeds_) {
      feed->source->stop();
      feed->source->start(*feed, SourceView::silent);
    }
  }
}

// North-south callers go to the gateway's virtual IP; east-west ones get the client-side
// plugin, built as ClientSidePattern builds its Ribbon clients.
Caller& ApiGatewayPattern::add_caller(const CallerInfo& info) {
  if (info.external) return edge_.add_caller(info);
  const registry::RegistryServer* reg = edge_.registry();
  if (reg == nullptr) throw std::logic_error("api-gateway: add_caller before start()");
  registry::PollerConfig poller = config_.internal_poller;
  poller.name = "client/" + info.name;
  poller.service = info.target_service;
  UpstreamConfig up;
  up.name = "client/" + info.name;
  up.entity = info.name;
  up.service = info.target_service;
  up.balancer = config_.edge.lb.balancer;
  up.active_checks = config_.internal_active_checks;
  up.outlier_detection = config_.internal_outlier_detection;
  up.panic_threshold_percent = config_.edge.lb.panic_threshold_percent;
  internal_.push_back(std::make_unique<UpstreamCaller>(
      rt_, info, std::move(up),
      std::make_unique<PollSource>(rt_, info.host, reg->endpoint(), std::move(poller))));
  return *internal_.back();
}

void ApiGatewayPattern::remove_caller(Caller& caller) {
  const std::size_t before = internal_.size();
  std::erase_if(internal_,
                [&](const std::unique_ptr<UpstreamCaller>& c) { return c.get() == &caller; });
  if (internal_.size() == before) edge_.remove_caller(caller);
}

}  // namespace discolab

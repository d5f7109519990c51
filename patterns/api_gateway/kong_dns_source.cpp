#include "patterns/api_gateway/kong_dns_source.h"

#include <algorithm>

#include "patterns/core/observer.h"

namespace discolab {

KongDnsSource::KongDnsSource(Runtime& rt, HostId host, KongDnsSourceConfig config,
                             std::shared_ptr<const dns::AddressBook> book)
    : rt_(rt),
      host_(host),
      config_(std::move(config)),
      query_name_(config_.resolver.naming.service_name(config_.service)),
      book_(std::move(book)),
      list_(std::make_shared<const EndpointList>()) {
  config_.resolver.name = config_.name;
  config_.resolver.report_views = false;  // the source's list is the holder's view
}

KongDnsSource::~KongDnsSource() {
  resolver_.reset();  // abandons a lookup in flight without calling back
  if (view_) rt_.observer().view_closed(*view_);
}

void KongDnsSource::start(SourceListener& listener, SourceView view) {
  listener_ = &listener;
  if (!resolver_) {
    resolver_ = std::make_unique<dns::DnsResolver>(rt_, host_, config_.resolver, book_);
    if (view == SourceView::report) {
      view_ = rt_.observer().view_opened(config_.name, config_.service);
      rt_.observer().view_changed(*view_, reported_);
    }
  }
  running_ = true;
}

void KongDnsSource::set_upstreams(std::vector<EndpointId> upstreams) {
  config_.resolver.upstreams = upstreams;
  if (resolver_) resolver_->set_upstreams(std::move(upstreams));
}

void KongDnsSource::prepare(PickNeed need) {
  (void)need;  // a retry is prepared as a first try: the list is the same either way
  if (delivering_) return;
  failed_ = false;
  if (!running_ || in_flight_) return;
  const SimTime now = rt_.now();
  if (answered_ && now < expires_at_) return;  // fresh
  if (servable()) {
    ++stale_picks_;
    lookup(true);  // serve stale, refresh in the background
    return;
  }
  lookup(false);
}

void KongDnsSource::lookup(bool background) {
  in_flight_ = true;
  background_ = background;
  resolving_ = true;
  ++lookups_;
  if (background) ++background_lookups_;
  resolver_->resolve(query_name_, dns::RrType::a, [this, background](const dns::ResolveResult& r) {
    on_result(r, background, resolving_);
  });
  resolving_ = false;
}

std::optional<FailureCause> KongDnsSource::failure() const {
  if (!failed_) return std::nullopt;
  return FailureCause::dns_failed;
}

void KongDnsSource::on_result(const dns::ResolveResult& result, bool background, bool synchronous) {
  (void)background;
  in_flight_ = false;
  background_ = false;
  if (result.status == dns::ResolveStatus::failed) {
    ++errors_;
    failed_ = !servable();  // while the stale list serves, nobody waits for this lookup
  } else {
    answered_ = true;
    expires_at_ = rt_.now() + std::max(result.ttl_left, Duration{0});
    take(result.endpoints);
  }
  if (synchronous) return;  // a cache hit inside prepare(): nobody waits
  delivering_ = true;
  listener_->settled();  // tries parked since the stale window closed go on
  delivering_ = false;
  failed_ = false;
}

void KongDnsSource::take(const EndpointListPtr& list) {
  list_ = list;
  if (view_) {
    std::vector<InstanceId> ids;
    for (const ServiceEndpoint& e : *list)
      if (e.instance != kNoInstance) ids.push_back(e.instance);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids != reported_) {
      reported_ = std::move(ids);
      rt_.observer().view_changed(*view_, reported_);
    }
  }
  listener_->endpoints_changed(list_);
}

}  // namespace discolab

#include "patterns/upstream/dns_source.h"

#include <algorithm>

namespace discolab {

namespace {

bool same_answer(const EndpointList& a, const EndpointList& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const ServiceEndpoint& x, const ServiceEndpoint& y) {
                      return x.instance == y.instance && x.address == y.address;
                    });
}

}  // namespace

DnsSource::DnsSource(Runtime& rt, HostId host, DnsSourceConfig config,
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

DnsSource::~DnsSource() {
  resolver_.reset();  // abandons a lookup in flight without calling back
  if (view_) rt_.observer().view_closed(*view_);
}

void DnsSource::start(SourceListener& listener, SourceView view) {
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

void DnsSource::set_upstreams(std::vector<EndpointId> upstreams) {
  config_.resolver.upstreams = upstreams;
  if (resolver_) resolver_->set_upstreams(std::move(upstreams));
}

void DnsSource::prepare(PickNeed need) {
  if (delivering_) return;  // the waiting tries take the outcome of their lookup
  failed_ = false;
  if (!running_ || in_flight_) return;
  if (need == PickNeed::held && answered_) return;
  if (rt_.now() < failed_until_) {
    failed_ = true;  // a failure the client still remembers (the JVM's negative cache)
    return;
  }
  in_flight_ = true;
  resolving_ = true;
  ++lookups_;
  resolver_->resolve(query_name_, dns::RrType::a,
                     [this](const dns::ResolveResult& result) { on_result(result, resolving_); });
  resolving_ = false;
}

std::optional<FailureCause> DnsSource::failure() const {
  if (!failed_) return std::nullopt;
  return FailureCause::dns_failed;
}

void DnsSource::on_result(const dns::ResolveResult& result, bool synchronous) {
  in_flight_ = false;
  if (result.status == dns::ResolveStatus::failed) {
    ++errors_;
    failed_ = true;
    failed_until_ = rt_.now() + config_.failure_ttl;
  } else {
    const bool first = !answered_;
    answered_ = true;
    if (first || !same_answer(*result.endpoints, *list_)) take(result.endpoints);
    if (view_) rt_.observer().view_read(*view_);  // one answer given to the client
  }
  // A cache hit answers inside prepare(): nobody waits for it.
  if (synchronous) return;
  delivering_ = true;
  listener_->settled();
  delivering_ = false;
  failed_ = false;
}

void DnsSource::take(const EndpointListPtr& list) {
  list_ = list;
  if (view_) {
    std::vector<InstanceId> ids;
    ids.reserve(list->size());
    for (const ServiceEndpoint& e : *list) {
      if (e.instance != kNoInstance) ids.push_back(e.instance);
    }
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

#include "patterns/dns/dns_resolver.h"

#include <algorithm>

#include "patterns/core/observer.h"
#include "patterns/dns/dns_wire.h"

namespace discolab::dns {

namespace {

const EndpointListPtr& no_endpoints() {
  static const EndpointListPtr empty = std::make_shared<const EndpointList>();
  return empty;
}

std::vector<InstanceId> sorted_instances(const EndpointList& list) {
  std::vector<InstanceId> ids;
  ids.reserve(list.size());
  for (const ServiceEndpoint& e : list) {
    if (e.instance != kNoInstance) ids.push_back(e.instance);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

DnsResolverConfig DnsResolverConfig::glibc(std::vector<EndpointId> upstreams) {
  DnsResolverConfig c;
  c.upstreams = std::move(upstreams);
  c.timeout = std::chrono::seconds(5);
  c.attempts = 2;
  c.cache = DnsCacheConfig::none();
  return c;
}

DnsResolverConfig DnsResolverConfig::jvm(std::vector<EndpointId> upstreams) {
  DnsResolverConfig c = glibc(std::move(upstreams));
  c.cache = DnsCacheConfig::jvm();
  return c;
}

DnsResolverConfig DnsResolverConfig::node_local(std::vector<EndpointId> upstreams) {
  DnsResolverConfig c = glibc(std::move(upstreams));
  c.component = "node-local-dns";
  c.upstream_transport = Transport::tcp;
  c.cache = DnsCacheConfig::node_local();
  return c;
}

DnsResolverConfig DnsResolverConfig::coredns_cache(std::vector<EndpointId> upstreams) {
  DnsResolverConfig c = glibc(std::move(upstreams));
  c.component = "dns-resolver";
  c.cache = DnsCacheConfig::coredns();
  return c;
}

DnsResolver::DnsResolver(Runtime& runtime, HostId host, DnsResolverConfig config,
                         std::shared_ptr<const AddressBook> book)
    : runtime_(runtime),
      config_(std::move(config)),
      book_(book ? std::move(book) : std::make_shared<const AddressBook>()),
      cache_(config_.cache),
      ids_(runtime.random(config_.name, "dns-query-id")),
      view_component_(config_.component + "/" + config_.name) {
  endpoint_ =
      runtime_.open(host, config_.component, [this](const Message& msg) { on_message(msg); });
}

DnsResolver::~DnsResolver() {
  runtime_.close(endpoint_);
  for (auto& [id, pending] : pending_) runtime_.cancel(pending.timer);
  for (auto& [key, view] : views_) {
    runtime_.cancel(view.expiry);
    runtime_.observer().view_closed(view.id);
  }
}

std::uint32_t DnsResolver::total_tries() const {
  return config_.attempts *
         static_cast<std::uint32_t>(std::max<std::size_t>(1, config_.upstreams.size()));
}

ResolveResult DnsResolver::result_of(const CacheEntry& entry, bool stale) const {
  ResolveResult r;
  r.status = entry.answer.negative ? ResolveStatus::not_found : ResolveStatus::ok;
  r.endpoints = entry.answer.endpoints ? entry.answer.endpoints : no_endpoints();
  r.response = entry.answer.response;
  r.ttl_left = stale ? Duration{0} : entry.expires_at - runtime_.now();
  r.from_cache = true;
  r.stale = stale;
  return r;
}

void DnsResolver::resolve(std::string_view name, RrType type, ResolveCallback callback) {
  ++stats_.lookups;
  DnsCacheKey key = make_key(name, type);
  const CacheLookup hit = cache_.lookup(key, runtime_.now());
  if (hit.state == CacheState::fresh) {
    ++stats_.cache_hits;
    callback(result_of(*hit.entry, false));
    return;
  }
  if (const auto it = pending_by_key_.find(key); it != pending_by_key_.end()) {
    pending_.at(it->second).callbacks.push_back(std::move(callback));
    return;
  }
  if (config_.upstreams.empty() || !valid_name(name) || pending_.size() > 0xFFFF) {
    ResolveResult failed;
    failed.endpoints = no_endpoints();
    ++stats_.failures;
    callback(failed);
    return;
  }
  std::uint16_t id = 0;
  do {
    id = static_cast<std::uint16_t>(ids_());
  } while (pending_.contains(id));
  Pending p;
  p.key = key;
  p.name = std::string(name);
  p.transport = config_.upstream_transport;
  p.callbacks.push_back(std::move(callback));
  pending_.emplace(id, std::move(p));
  pending_by_key_.emplace(std::move(key), id);
  send_try(id);
}

void DnsResolver::send_try(std::uint16_t id) {
  Pending& p = pending_.at(id);
  DnsMessage query;
  query.header.id = id;
  query.header.rd = true;
  query.questions.push_back(Question{p.name, p.key.type, kClassIn});
  if (config_.edns_udp_bytes > 0) query.edns_udp_bytes = config_.edns_udp_bytes;
  const EndpointId upstream = config_.upstreams[p.try_index % config_.upstreams.size()];
  runtime_.send(make_dns_message(endpoint_, upstream, encode(query), p.transport));
  ++stats_.tries_sent;
  p.timer = runtime_.schedule(config_.timeout, [this, id] {
    pending_.at(id).timer = kNoTimer;
    ++stats_.timeouts;
    next_try(id);
  });
}

void DnsResolver::next_try(std::uint16_t id) {
  Pending& p = pending_.at(id);
  runtime_.cancel(p.timer);
  p.timer = kNoTimer;
  p.transport = config_.upstream_transport;
  if (++p.try_index >= total_tries()) return fail(id);
  send_try(id);
}

void DnsResolver::fail(std::uint16_t id) {
  const CacheLookup hit = cache_.lookup(pending_.at(id).key, runtime_.now());
  if (hit.state != CacheState::miss) {
    ++stats_.stale_served;
    runtime_.observer().count("dns.stale_served");
    return finish(id, result_of(*hit.entry, hit.state == CacheState::stale));
  }
  ++stats_.failures;
  ResolveResult failed;
  failed.endpoints = no_endpoints();
  finish(id, failed);
}

void DnsResolver::finish(std::uint16_t id, const ResolveResult& result) {
  const auto it = pending_.find(id);
  Pending p = std::move(it->second);
  pending_.erase(it);
  pending_by_key_.erase(p.key);
  runtime_.cancel(p.timer);
  // The lookup is gone before any callback runs, so a callback may resolve again.
  for (ResolveCallback& callback : p.callbacks) callback(result);
}

void DnsResolver::on_message(const Message& msg) {
  const auto* packet = std::any_cast<DnsPacket>(&msg.body);
  if (packet == nullptr || !packet->bytes || packet->bytes->size() < kHeaderBytes) {
    ++stats_.malformed;
    return;
  }
  const bool is_response = ((*packet->bytes)[2] & 0x80) != 0;
  if (msg.status == DeliveryStatus::refused) {
    // Our query bounced off a closed upstream endpoint (ICMP port unreachable): next try now.
    if (is_response) return;
    const std::uint16_t id =
        static_cast<std::uint16_t>(((*packet->bytes)[0] << 8) | (*packet->bytes)[1]);
    if (pending_.contains(id) &&
        config_.upstreams[pending_.at(id).try_index % config_.upstreams.size()] == msg.to) {
      next_try(id);
    }
    return;
  }
  if (!is_response) return on_query(msg, *packet);
  const std::size_t limit = packet->transport == Transport::udp
                                ? std::max<std::size_t>(kUdpPlainMaxBytes, config_.edns_udp_bytes)
                                : kMaxMessageBytes;
  DecodeResult decoded = decode(*packet->bytes, limit);
  if (!decoded.ok()) {
    ++stats_.malformed;
    runtime_.observer().count("dns.resolver.malformed");
    return;
  }
  on_answer(decoded.message, packet->transport);
}

void DnsResolver::on_answer(const DnsMessage& answer, Transport transport) {
  const auto it = pending_.find(answer.header.id);
  if (it == pending_.end()) return;  // late answer to a finished lookup
  Pending& p = it->second;
  if (answer.questions.size() != 1 || answer.questions[0].type != p.key.type ||
      !names_equal(answer.questions[0].name, p.name)) {
    ++stats_.malformed;
    return;
  }
  const std::uint16_t id = it->first;
  if (answer.header.tc && transport == Transport::udp && config_.tcp_on_truncation) {
    runtime_.cancel(p.timer);
    p.transport = Transport::tcp;
    ++stats_.tcp_retries;
    return send_try(id);
  }
  const Rcode rcode = answer.header.rcode;
  if (rcode != Rcode::no_error && rcode != Rcode::name_error) return next_try(id);

  CachedAnswer cached;
  cached.response = std::make_shared<const DnsMessage>(answer);
  cached.negative = is_negative(answer);
  cached.endpoints = cached.negative ? no_endpoints()
                                     : std::make_shared<const EndpointList>(
                                           endpoints_of_answer(answer, config_.naming, *book_));
  ResolveResult result;
  result.status = cached.negative ? ResolveStatus::not_found : ResolveStatus::ok;
  result.endpoints = cached.endpoints;
  result.response = cached.response;
  cache_answer(p.key, p.name, std::move(cached));
  if (const CacheEntry* entry = cache_.peek(p.key);
      entry != nullptr && entry->answer.response == result.response) {
    result.ttl_left = entry->expires_at - runtime_.now();
  }
  finish(id, result);
}

void DnsResolver::cache_answer(const DnsCacheKey& key, const std::string& name,
                               CachedAnswer answer) {
  DnsCache::InsertResult inserted = cache_.insert(key, std::move(answer), runtime_.now());
  for (const DnsCacheKey& victim : inserted.evicted) close_view(victim);
  if (inserted.entry == nullptr || !config_.report_views) return;
  const CacheEntry& entry = *inserted.entry;
  std::vector<InstanceId> ids = sorted_instances(*entry.answer.endpoints);
  auto [it, opened] = views_.try_emplace(key);
  View& view = it->second;
  if (opened) {
    const auto service = config_.naming.service_of(name);
    view.id = runtime_.observer().view_opened(view_component_, service ? *service : key.name);
  }
  if (opened || ids != view.reported) {
    view.reported = std::move(ids);
    runtime_.observer().view_changed(view.id, view.reported);
  }
  runtime_.cancel(view.expiry);
  view.expiry = kNoTimer;
  if (entry.stale_until != kNever) {
    view.expiry = runtime_.schedule(entry.stale_until - runtime_.now(), [this, key] {
      views_.at(key).expiry = kNoTimer;
      cache_.erase(key);
      close_view(key);
    });
  }
}

void DnsResolver::close_view(const DnsCacheKey& key) {
  const auto it = views_.find(key);
  if (it == views_.end()) return;
  runtime_.cancel(it->second.expiry);
  runtime_.observer().view_closed(it->second.id);
  views_.erase(it);
}

}  // namespace discolab::dns

#include "patterns/registry/registry_server.h"

#include <algorithm>

#include "patterns/core/observer.h"

namespace discolab::registry {

using namespace std::chrono_literals;

bool AclPolicy::allows(std::string_view identity, std::string_view service) const {
  if (!enabled || identity == service) return true;
  auto it = grants.find(identity);
  return it != grants.end() &&
         (it->second.contains("*") || it->second.contains(std::string(service)));
}

RegistryServerConfig RegistryServerConfig::eureka() {
  RegistryServerConfig c;
  c.catalog.expiry = ExpiryRule::eureka;
  c.catalog.delta_retention = 180s;
  c.eviction_interval = 60s;
  c.response_cache_refresh = 30s;
  c.watch_progress_interval = 0s;
  return c;
}

RegistryServerConfig RegistryServerConfig::consul() {
  RegistryServerConfig c;
  c.catalog.expiry = ExpiryRule::exact;
  c.eviction_interval = 0s;
  c.response_cache_refresh = 0s;
  c.watch_progress_interval = 0s;
  return c;
}

RegistryServerConfig RegistryServerConfig::etcd() {
  RegistryServerConfig c;
  c.catalog.expiry = ExpiryRule::exact;
  c.catalog.min_lease = 2s;
  c.eviction_interval = 0s;
  c.response_cache_refresh = 0s;
  c.watch_progress_interval = 600s;
  return c;
}

RegistryServer::RegistryServer(Runtime& runtime, HostId host, RegistryServerConfig config)
    : rt_(runtime),
      host_(host),
      config_(std::move(config)),
      catalog_(config_.catalog),
      jitter_(runtime.random("registry/" + config_.name, "query-jitter")),
      eviction_phase_(runtime.random("registry/" + config_.name, "eviction-phase")),
      cache_phase_(runtime.random("registry/" + config_.name, "cache-phase")) {
  endpoint_ = rt_.open(host_, config_.endpoint_kind, [this](const Message& m) { on_message(m); });
  arm_eviction();
  arm_cache_refresh(first_delay(cache_phase_, config_.response_cache_refresh));
  arm_progress();
}

RegistryServer::~RegistryServer() {
  cancel_timers();
  rt_.close(endpoint_);
  for (const auto& [service, view] : views_) rt_.observer().view_closed(view.id);
}

void RegistryServer::cancel_timers() {
  rt_.cancel(eviction_timer_);
  rt_.cancel(cache_timer_);
  rt_.cancel(progress_timer_);
  eviction_timer_ = cache_timer_ = progress_timer_ = kNoTimer;
  eviction_at_ = kNever;
  eviction_started_ = false;
  for (const auto& [seq, p] : parked_) rt_.cancel(p.timer);
}

void RegistryServer::stop() {
  if (!running_) return;
  running_ = false;
  cancel_timers();
  parked_.clear();
  watches_.clear();
  cache_.clear();
}

void RegistryServer::start() {
  if (running_) return;
  running_ = true;
  catalog_.refresh_leases(rt_.now());
  arm_eviction();
  arm_cache_refresh(first_delay(cache_phase_, config_.response_cache_refresh));
  arm_progress();
}

std::size_t RegistryServer::watcher_count() const {
  std::size_t n = 0;
  for (const auto& [key, subs] : watches_) n += subs.size();
  return n;
}

void RegistryServer::on_message(const Message& msg) {
  if (!running_) return;
  if (msg.status == DeliveryStatus::refused) {
    // A push or reply bounced off a closed endpoint: that watcher is gone.
    for (auto& [key, subs] : watches_) subs.erase(msg.to);
    return;
  }
  const std::any& b = msg.body;
  if (auto* r = std::any_cast<RegisterRequest>(&b)) return on_register(msg, *r);
  if (auto* r = std::any_cast<RenewRequest>(&b)) return on_renew(msg, *r);
  if (auto* r = std::any_cast<DeregisterRequest>(&b)) return on_deregister(msg, *r);
  if (auto* r = std::any_cast<FetchRequest>(&b)) return on_fetch(msg, *r);
  if (auto* r = std::any_cast<BlockingQueryRequest>(&b)) return on_query(msg, *r);
  if (auto* r = std::any_cast<WatchRequest>(&b)) return on_watch(msg, *r);
}

void RegistryServer::reply(EndpointId to, RegistryReply r) {
  const std::uint32_t size = r.update ? config_.sizes.of(*r.update) : config_.sizes.header_bytes;
  rt_.send(Message{endpoint_, to, size, Plane::control, DeliveryStatus::delivered, std::move(r)});
}

bool RegistryServer::acl_allows(std::string_view identity, std::string_view service) {
  if (config_.acl.allows(identity, service)) return true;
  rt_.observer().count("registry.acl_rejected");
  return false;
}

void RegistryServer::on_register(const Message& msg, const RegisterRequest& req) {
  if (req.record && !acl_allows(req.identity, req.record->service)) {
    return reply(msg.from, {req.request_id, WriteError::acl_denied, catalog_.index(), nullptr});
  }
  std::set<std::string> services;
  if (req.record) {
    services.insert(req.record->service);
    // A record moving to another service changes the old one too.
    if (const InstanceRecord* old = catalog_.find(req.record->id)) services.insert(old->service);
  }
  const WriteResult r = catalog_.upsert(req.record, req.lease, rt_.now());
  reply(msg.from, {req.request_id, r.error, r.index, nullptr});
  if (r.changed) changed(services);
  arm_eviction();
}

void RegistryServer::on_renew(const Message& msg, const RenewRequest& req) {
  const InstanceRecord* rec = catalog_.find(req.instance);
  if (rec && !acl_allows(req.identity, rec->service)) {
    return reply(msg.from, {req.request_id, WriteError::acl_denied, catalog_.index(), nullptr});
  }
  const WriteResult r = catalog_.renew(req.instance, rt_.now());
  reply(msg.from, {req.request_id, r.error, r.index, nullptr});
  arm_eviction();
}

void RegistryServer::on_deregister(const Message& msg, const DeregisterRequest& req) {
  const InstanceRecord* rec = catalog_.find(req.instance);
  if (rec && !acl_allows(req.identity, rec->service)) {
    return reply(msg.from, {req.request_id, WriteError::acl_denied, catalog_.index(), nullptr});
  }
  const std::string service = rec ? rec->service : std::string();
  const WriteResult r = catalog_.remove(req.instance, rt_.now());
  reply(msg.from, {req.request_id, r.error, r.index, nullptr});
  if (r.changed) changed({service});
  arm_eviction();
}

const UpdatePtr& RegistryServer::frozen(const std::string& service) {
  auto [it, inserted] = cache_.try_emplace(service);
  if (inserted) it->second = catalog_.full(service);
  return it->second;
}

void RegistryServer::on_fetch(const Message& msg, const FetchRequest& req) {
  UpdatePtr update;
  if (config_.response_cache_refresh > Duration::zero()) {
    const UpdatePtr& snap = frozen(req.service);
    if (req.since_index != 0) update = catalog_.delta(req.service, req.since_index, snap->index);
    // Not retained (or asked from beyond the snapshot): the cached full list.
    if (!update || update->full) update = snap;
  } else {
    update = req.since_index == 0 ? catalog_.full(req.service)
                                  : catalog_.delta(req.service, req.since_index);
  }
  reply(msg.from, {req.request_id, WriteError::none, update->index, update});
}

void RegistryServer::on_query(const Message& msg, const BlockingQueryRequest& req) {
  const std::uint64_t seq = next_parked_++;
  parked_[seq] = Parked{msg.from, req.request_id, req.service, kNoTimer};
  if (req.index == 0 || catalog_.service_index(req.service) > req.index) return answer_query(seq);
  Duration wait = req.wait > Duration::zero() ? req.wait : config_.default_query_wait;
  wait = std::min(wait, config_.max_query_wait);
  const std::int64_t span = wait.count() / std::max<std::int64_t>(config_.query_jitter_divisor, 1);
  const Duration stagger{span > 0 ? static_cast<std::int64_t>(jitter_.uniform_int(0, span - 1))
                                  : 0};
  parked_[seq].timer = rt_.schedule(wait + stagger, [this, seq] { answer_query(seq); });
}

void RegistryServer::answer_query(std::uint64_t seq) {
  auto it = parked_.find(seq);
  if (it == parked_.end()) return;
  const Parked p = std::move(it->second);
  parked_.erase(it);
  rt_.cancel(p.timer);
  UpdatePtr update = catalog_.full(p.service);
  // Consul never answers index 0, so that a client's next query blocks.
  const std::uint64_t index = std::max<std::uint64_t>(catalog_.service_index(p.service), 1);
  reply(p.from, {p.request_id, WriteError::none, index, std::move(update)});
}

void RegistryServer::on_watch(const Message& msg, const WatchRequest& req) {
  if (!req.subscribe) {
    if (auto it = watches_.find(req.service); it != watches_.end()) it->second.erase(msg.from);
    return reply(msg.from, {req.request_id, WriteError::none, catalog_.index(), nullptr});
  }
  UpdatePtr update = req.since_index == 0 ? catalog_.full(req.service)
                                          : catalog_.delta(req.service, req.since_index);
  watches_[req.service][msg.from] = Watch{req.request_id, update->index};
  reply(msg.from, {req.request_id, WriteError::none, update->index, std::move(update)});
}

void RegistryServer::changed(const std::set<std::string>& services) {
  for (const std::string& s : services) {
    report_view(s);
    push_watches(s);
  }
  push_watches("");
  // Wake the parked queries whose service moved past their index.
  std::vector<std::uint64_t> wake;
  for (const auto& [seq, p] : parked_) {
    if (p.service.empty() || services.contains(p.service)) wake.push_back(seq);
  }
  for (std::uint64_t seq : wake) answer_query(seq);
}

void RegistryServer::report_view(const std::string& service) {
  // The catalog keeps the serving ids up to date and counts their changes: reporting costs no
  // scan or comparison of the whole service (which made registering N replicas quadratic).
  const std::uint64_t version = catalog_.serving_version(service);
  auto it = views_.find(service);
  if (it == views_.end()) {
    const ViewId id = rt_.observer().view_opened("registry/" + config_.name, service);
    it = views_.emplace(service, View{id, version}).first;
  } else if (it->second.serving_version == version) {
    return;
  }
  it->second.serving_version = version;
  rt_.observer().view_changed(it->second.id, catalog_.serving_ids(service));
}

void RegistryServer::push_watches(const std::string& key) {
  auto it = watches_.find(key);
  if (it == watches_.end()) return;
  // Watchers at the same index share one update (the common case: all of them).
  std::map<std::uint64_t, UpdatePtr> by_since;
  for (auto& [to, w] : it->second) {
    UpdatePtr& u = by_since[w.sent_index];
    if (!u) u = catalog_.delta(key, w.sent_index);
    if (u->changes.empty() && !u->full) continue;
    w.sent_index = u->index;
    rt_.send(Message{endpoint_, to, config_.sizes.of(*u), Plane::control, DeliveryStatus::delivered,
                     WatchEvent{w.request_id, u}});
  }
}

void RegistryServer::arm_eviction() {
  if (!running_) return;
  if (config_.eviction_interval > Duration::zero()) {
    if (eviction_timer_ == kNoTimer) {
      const Duration after = eviction_started_
                                 ? config_.eviction_interval
                                 : first_delay(eviction_phase_, config_.eviction_interval);
      eviction_started_ = true;
      eviction_timer_ = rt_.schedule(after, [this] {
        eviction_timer_ = kNoTimer;
        sweep();
      });
    }
    return;
  }
  const SimTime next = catalog_.next_expiry();
  if (next == eviction_at_) return;
  rt_.cancel(eviction_timer_);
  eviction_timer_ = kNoTimer;
  eviction_at_ = next;
  if (next == kNever) return;
  eviction_timer_ = rt_.schedule(std::max(next - rt_.now(), Duration::zero()), [this] {
    eviction_timer_ = kNoTimer;
    eviction_at_ = kNever;
    sweep();
  });
}

void RegistryServer::sweep() {
  const std::vector<RecordPtr> removed = catalog_.expire(rt_.now());
  if (!removed.empty()) {
    rt_.observer().count("registry.expired", removed.size());
    std::set<std::string> services;
    for (const RecordPtr& r : removed) services.insert(r->service);
    changed(services);
  }
  arm_eviction();
}

Duration RegistryServer::first_delay(RandomStream& phase, Duration period) {
  return config_.random_phase && period > Duration::zero() ? phase.phase(period) : period;
}

void RegistryServer::arm_cache_refresh(Duration after) {
  if (!running_ || config_.response_cache_refresh <= Duration::zero()) return;
  cache_timer_ = rt_.schedule(after, [this] {
    for (auto& [service, snap] : cache_) snap = catalog_.full(service);
    arm_cache_refresh(config_.response_cache_refresh);
  });
}

void RegistryServer::arm_progress() {
  if (!running_ || config_.watch_progress_interval <= Duration::zero()) return;
  progress_timer_ = rt_.schedule(config_.watch_progress_interval, [this] {
    for (const auto& [key, subs] : watches_) {
      for (const auto& [to, w] : subs) {
        rt_.send(Message{endpoint_, to, config_.sizes.header_bytes, Plane::control,
                         DeliveryStatus::delivered, WatchEvent{w.request_id, nullptr}});
      }
    }
    arm_progress();
  });
}

}  // namespace discolab::registry

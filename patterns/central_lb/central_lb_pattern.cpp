#include "patterns/central_lb/central_lb_pattern.h"

#include <stdexcept>

#include "patterns/core/observer.h"

namespace discolab {

namespace {

// The caller's side: every try goes to the virtual IP of its service's frontend.
class VirtualIpChooser final : public TargetChooser {
 public:
  VirtualIpChooser(const CentralLbPattern& pattern, std::string service)
      : pattern_(pattern), service_(std::move(service)) {}
  TargetChoice choose(const Request& request, std::span<const InstanceId> tried) override {
    (void)request, (void)tried;
    const EndpointId vip = pattern_.virtual_ip(service_);
    if (vip == kNoEndpoint) return FailureCause::lb_down;
    return CallTarget{vip, kNoInstance};
  }

 private:
  const CentralLbPattern& pattern_;
  std::string service_;
};

class LbClient final : public Caller {
 public:
  LbClient(Runtime& rt, const CallerInfo& info, const CentralLbPattern& pattern)
      : chooser_(pattern, info.target_service), caller_(rt, info, chooser_) {}
  void issue(const Request& request) override { caller_.issue(request); }

 private:
  VirtualIpChooser chooser_;
  RetryingCaller caller_;
};

}  // namespace

CentralLbPattern::CentralLbPattern(Runtime& rt, CentralLbConfig config)
    : rt_(rt), config_(std::move(config)) {
  slots_[0].component = config_.role;
  slots_[0].name = config_.role + "/primary";
  slots_[0].host = config_.lb_host;
  slots_[0].exists = true;
  slots_[1].component = config_.role + "-standby";
  slots_[1].name = config_.role + "/standby";
  slots_[1].host = config_.standby_host.value_or(kNoHost);
  slots_[1].exists = config_.standby_host.has_value();
}

CentralLbPattern::~CentralLbPattern() {
  rt_.cancel(failover_timer_);
  callers_.clear();
  for (Slot& s : slots_) s.server.reset();
}

void CentralLbPattern::start() {
  registry_ =
      std::make_unique<registry::RegistryServer>(rt_, config_.registry_host, config_.server);
  registration_.emplace(rt_, registry_->endpoint(), config_.registration);
  for (Slot& s : slots_) {
    if (s.exists) launch(s);
  }
}

void CentralLbPattern::launch(Slot& slot) {
  LbServerConfig c = config_.lb;
  c.name = slot.name;
  c.host = slot.host;
  c.registry = registry_->endpoint();
  slot.server = std::make_unique<LbServer>(rt_, std::move(c));
  for (const std::string& service : services_)
    slot.frontends[service] = slot.server->serve(service);
}

void CentralLbPattern::instance_started(const InstanceInfo& info) {
  if (!registration_) throw std::logic_error("central-lb: instance_started before start()");
  registration_->instance_started(info);
  // The LB gets a frontend (and starts syncing its backend) for every service that has
  // instances, as Marathon-LB configures an app's service port when the app appears, so it is
  // ready before the service's callers arrive.
  serve(info.service);
}

void CentralLbPattern::serve(const std::string& service) {
  if (!services_.insert(service).second) return;
  for (Slot& s : slots_) {
    if (s.server) s.frontends[service] = s.server->serve(service);
  }
}
void CentralLbPattern::instance_ready(InstanceId id) { registration_->instance_ready(id); }
void CentralLbPattern::instance_stopping(InstanceId id) { registration_->instance_stopping(id); }
void CentralLbPattern::instance_crashed(InstanceId id) { registration_->instance_crashed(id); }
void CentralLbPattern::instance_gone(InstanceId id) { registration_->instance_gone(id); }

CentralLbPattern::Slot* CentralLbPattern::slot_of(std::string_view component) {
  for (Slot& s : slots_) {
    if (s.exists && s.component == component) return &s;
  }
  return nullptr;
}

void CentralLbPattern::host_down(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->stop();
  for (std::size_t k = 0; k < slots_.size(); ++k) {
    Slot& s = slots_[k];
    if (!s.exists || s.host != host || !s.host_up) continue;
    s.host_up = false;
    s.server.reset();  // the host answers nothing: no resets, the state is lost
    went_down(k);
  }
}

void CentralLbPattern::host_up(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->start();
  for (std::size_t k = 0; k < slots_.size(); ++k) {
    Slot& s = slots_[k];
    if (!s.exists || s.host != host || s.host_up) continue;
    s.host_up = true;
    came_up(k);
  }
}

void CentralLbPattern::component_down(std::string_view component) {
  if (component == "registry") {
    if (registry_) registry_->stop();
    return;
  }
  Slot* s = slot_of(component);
  if (s == nullptr || !s->process_up) return;
  s->process_up = false;
  if (s->server) {
    s->server->crash();  // client connections in flight are reset
    s->server.reset();   // its frontends close: new connections are refused
  }
  went_down(static_cast<std::size_t>(s - slots_.data()));
}

void CentralLbPattern::component_up(std::string_view component) {
  if (component == "registry") {
    if (registry_) registry_->start();
    return;
  }
  Slot* s = slot_of(component);
  if (s == nullptr || s->process_up) return;
  s->process_up = true;
  came_up(static_cast<std::size_t>(s - slots_.data()));
}

void CentralLbPattern::went_down(std::size_t slot) {
  (void)slot;
  rt_.observer().count(config_.role + ".down");
  reconsider();
}

void CentralLbPattern::came_up(std::size_t slot) {
  Slot& s = slots_[slot];
  if (s.up() && !s.server && registry_) launch(s);
  reconsider();
}

// VRRP, as keepalived runs it: the primary (higher priority) holds the address whenever it is
// up (preemption); a backup takes it once it has heard nothing for the master-down interval.
void CentralLbPattern::reconsider() {
  if (slots_[0].up() && active_ != 0) {
    active_ = 0;
    rt_.observer().count(config_.role + ".failbacks");
  }
  const std::size_t other = 1 - active_;
  if (slots_[active_].up() || !slots_[other].up()) {
    rt_.cancel(failover_timer_);
    failover_timer_ = kNoTimer;
    return;
  }
  if (failover_timer_ != kNoTimer) return;
  failover_timer_ = rt_.schedule(config_.failover_time, [this] {
    failover_timer_ = kNoTimer;
    const std::size_t next = 1 - active_;
    if (!slots_[active_].up() && slots_[next].up()) {
      active_ = next;
      ++failovers_;
      rt_.observer().count(config_.role + ".failovers");
    }
  });
}

EndpointId CentralLbPattern::virtual_ip(const std::string& service) const {
  const auto& frontends = slots_[active_].frontends;
  auto it = frontends.find(service);
  return it == frontends.end() ? kNoEndpoint : it->second;
}

Caller& CentralLbPattern::add_caller(const CallerInfo& info) {
  if (!registry_) throw std::logic_error("central-lb: add_caller before start()");
  callers_.push_back(std::make_unique<LbClient>(rt_, info, *this));
  serve(info.target_service);
  return *callers_.back();
}

// A client process gone (an instance that called through the LB): the LB keeps serving the
// service for the others.
void CentralLbPattern::remove_caller(Caller& caller) {
  std::erase_if(callers_, [&](const std::unique_ptr<Caller>& c) { return c.get() == &caller; });
}

}  // namespace discolab

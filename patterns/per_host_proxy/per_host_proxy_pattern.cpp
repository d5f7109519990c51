#include "patterns/per_host_proxy/per_host_proxy_pattern.h"

#include <stdexcept>

#include "patterns/core/observer.h"

namespace discolab {

namespace {

// The caller's side: every try goes to the proxy on the caller's own host (loopback).
class LocalProxyChooser final : public TargetChooser {
 public:
  LocalProxyChooser(const PerHostProxyPattern& pattern, HostId host, std::string service)
      : pattern_(pattern), host_(host), service_(std::move(service)) {}
  TargetChoice choose(const Request& request, std::span<const InstanceId> tried) override {
    (void)request, (void)tried;
    const EndpointId local = pattern_.local_proxy(host_, service_);
    if (local == kNoEndpoint) return FailureCause::lb_down;
    return CallTarget{local, kNoInstance};
  }

 private:
  const PerHostProxyPattern& pattern_;
  HostId host_;
  std::string service_;
};

class ProxyClient final : public Caller {
 public:
  ProxyClient(Runtime& rt, const CallerInfo& info, const PerHostProxyPattern& pattern)
      : chooser_(pattern, info.host, info.target_service), caller_(rt, info, chooser_) {}
  void issue(const Request& request) override { caller_.issue(request); }

 private:
  LocalProxyChooser chooser_;
  RetryingCaller caller_;
};

constexpr std::string_view kComponentPrefix = "proxy@";

}  // namespace

PerHostProxyPattern::PerHostProxyPattern(Runtime& rt, PerHostProxyConfig config)
    : rt_(rt), config_(std::move(config)) {}

PerHostProxyPattern::~PerHostProxyPattern() {
  callers_.clear();
  proxies_.clear();
}

std::string PerHostProxyPattern::host_name(HostId host) const {
  if (host < config_.host_names.size() && !config_.host_names[host].empty())
    return config_.host_names[host];
  return "host-" + std::to_string(host);
}

std::string PerHostProxyPattern::component_of(HostId host) const {
  return std::string(kComponentPrefix) + host_name(host);
}

void PerHostProxyPattern::start() {
  registry_ =
      std::make_unique<registry::RegistryServer>(rt_, config_.registry_host, config_.server);
  registration_.emplace(rt_, registry_->endpoint(), config_.registration);
}

PerHostProxyPattern::Proxy& PerHostProxyPattern::ensure_proxy(HostId host) {
  auto [it, fresh] = proxies_.try_emplace(host);
  if (fresh) {
    it->second.host = host;
    launch(it->second);
  }
  return it->second;
}

void PerHostProxyPattern::launch(Proxy& p) {
  LbServerConfig c = config_.proxy;
  c.name = "proxy/" + host_name(p.host);
  c.host = p.host;
  c.registry = registry_->endpoint();
  p.server = std::make_unique<LbServer>(rt_, std::move(c));
  // Every proxy programs every service, as kube-proxy writes rules for all Services on every
  // node (pkg/proxy/iptables/proxier.go syncProxyRules walks the whole service map).
  for (const std::string& service : services_) p.server->serve(service);
}

void PerHostProxyPattern::serve(const std::string& service) {
  if (!services_.insert(service).second) return;
  for (auto& [host, p] : proxies_) {
    if (p.server) p.server->serve(service);
  }
}

void PerHostProxyPattern::instance_started(const InstanceInfo& info) {
  if (!registration_) throw std::logic_error("per-host-proxy: instance_started before start()");
  registration_->instance_started(info);
  serve(info.service);
}
void PerHostProxyPattern::instance_ready(InstanceId id) { registration_->instance_ready(id); }
void PerHostProxyPattern::instance_stopping(InstanceId id) { registration_->instance_stopping(id); }
void PerHostProxyPattern::instance_crashed(InstanceId id) { registration_->instance_crashed(id); }
void PerHostProxyPattern::instance_gone(InstanceId id) { registration_->instance_gone(id); }

PerHostProxyPattern::Proxy* PerHostProxyPattern::proxy_of(std::string_view component) {
  if (!component.starts_with(kComponentPrefix)) return nullptr;
  for (auto& [host, p] : proxies_) {
    if (component_of(host) == component) return &p;
  }
  return nullptr;
}

void PerHostProxyPattern::host_down(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->stop();
  auto it = proxies_.find(host);
  if (it == proxies_.end() || !it->second.host_up) return;
  it->second.host_up = false;
  it->second.server.reset();  // the host answers nothing: no resets, the state is lost
  rt_.observer().count("proxy.down");
}

void PerHostProxyPattern::host_up(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->start();
  auto it = proxies_.find(host);
  if (it == proxies_.end() || it->second.host_up) return;
  it->second.host_up = true;
  if (it->second.up() && registry_) launch(it->second);
}

void PerHostProxyPattern::component_down(std::string_view component) {
  if (component == "registry") {
    if (registry_) registry_->stop();
    return;
  }
  Proxy* p = proxy_of(component);
  if (p == nullptr || !p->process_up) return;
  p->process_up = false;
  if (p->server) {
    p->server->crash();  // connections in flight are reset
    p->server.reset();   // its frontends close: the host's callers are refused (lb_down)
  }
  rt_.observer().count("proxy.down");
}

void PerHostProxyPattern::component_up(std::string_view component) {
  if (component == "registry") {
    if (registry_) registry_->start();
    return;
  }
  Proxy* p = proxy_of(component);
  if (p == nullptr || p->process_up) return;
  p->process_up = true;
  if (p->up() && !p->server && registry_) launch(*p);
}

EndpointId PerHostProxyPattern::local_proxy(HostId host, const std::string& service) const {
  const LbServer* server = proxy(host);
  return server == nullptr ? kNoEndpoint : server->frontend(service);
}

const LbServer* PerHostProxyPattern::proxy(HostId host) const {
  auto it = proxies_.find(host);
  return it == proxies_.end() ? nullptr : it->second.server.get();
}

Caller& PerHostProxyPattern::add_caller(const CallerInfo& info) {
  if (!registry_) throw std::logic_error("per-host-proxy: add_caller before start()");
  serve(info.target_service);
  ensure_proxy(info.host);
  callers_.push_back(std::make_unique<ProxyClient>(rt_, info, *this));
  return *callers_.back();
}

void PerHostProxyPattern::remove_caller(Caller& caller) {
  std::erase_if(callers_, [&](const std::unique_ptr<Caller>& c) { return c.get() == &caller; });
}

}  // namespace discolab

#include "sim/cluster/cluster.h"

#include <algorithm>
#include <stdexcept>

#include "sim/cluster/rolling_update.h"

namespace discolab {

std::string_view to_string(ContainerState state) {
  switch (state) {
    case ContainerState::scheduled:
      return "scheduled";
    case ContainerState::starting:
      return "starting";
    case ContainerState::ready:
      return "ready";
    case ContainerState::terminating:
      return "terminating";
    case ContainerState::gone:
      return "gone";
  }
  return "unknown";
}

Cluster::Cluster(Runtime& rt, const Scenario& scenario, std::vector<HostInfo> hosts,
                 DiscoveryPattern& pattern, ClusterEvents& events,
                 std::function<void(HostId, bool)> set_host_up)
    : rt_(rt),
      scenario_(scenario),
      hosts_(std::move(hosts)),
      pattern_(pattern),
      events_(events),
      set_host_up_(std::move(set_host_up)),
      host_up_(hosts_.size(), true),
      host_load_(hosts_.size(), 0),
      host_reserved_(hosts_.size(), false),
      services_(scenario.services.size()),
      crash_enabled_(scenario.services.size(), false) {
  if (hosts_.empty()) throw std::invalid_argument("cluster: the platform has no hosts");
  for (const ReservedHostSpec& reserved : scenario.platform.reserved) {
    const HostId host = host_by_name(reserved.host);
    if (host == kNoHost)
      throw std::invalid_argument("cluster: platform.reserved: unknown host " + reserved.host);
    host_reserved_[host] = true;
  }
  if (std::find(host_reserved_.begin(), host_reserved_.end(), false) == host_reserved_.end())
    throw std::invalid_argument("cluster: platform.reserved reserves every host (" +
                                std::to_string(hosts_.size()) + "); containers need one");
  const auto& only = scenario.churn.crashes.services;
  for (std::size_t s = 0; s < scenario.services.size(); ++s) {
    services_[s].version = scenario.services[s].version;
    crash_enabled_[s] = scenario.churn.crashes.rate_per_instance_per_s > 0 &&
                        (only.empty() || std::find(only.begin(), only.end(),
                                                   scenario.services[s].name) != only.end());
  }
}

Cluster::~Cluster() {
  // The pattern outlives the cluster: release the callers of instances still alive, so their
  // views close at the run's end.
  for (auto& c : containers_)
    if (c->server) stop_calls(*c);
}

HostId Cluster::host_by_name(std::string_view name) const {
  for (std::size_t h = 0; h < hosts_.size(); ++h) {
    if (hosts_[h].name == name) return static_cast<HostId>(h);
  }
  return kNoHost;
}

int Cluster::service_index(std::string_view name) const {
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    if (scenario_.services[s].name == name) return static_cast<int>(s);
  }
  return -1;
}

std::vector<InstanceId> Cluster::instances(int service, ContainerState state) const {
  std::vector<InstanceId> ids;
  for (const auto& c : containers_) {
    if (c->service == service && c->state == state) ids.push_back(c->id);
  }
  return ids;
}

std::string Cluster::container_name(int service, int slot, int incarnation) const {
  std::string name = scenario_.services[service].name + "-" + std::to_string(slot);
  if (incarnation > 0) name += "." + std::to_string(incarnation);
  return name;
}

void Cluster::start() {
  initial_ready_.resize(scenario_.services.size());
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    const auto replicas = static_cast<std::size_t>(scenario_.services[s].replicas);
    initial_ready_[s].assign(replicas, false);
    initial_pending_ += replicas;
  }
  if (initial_pending_ == 0) deployment_ready();
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    auto& state = services_[s];
    for (int r = 0; r < scenario_.services[s].replicas; ++r) {
      schedule(static_cast<int>(s), state.next_slot++, 0);
    }
  }
  for (const auto& update : scenario_.churn.rolling_updates) {
    rt_.schedule(update.at, [this, update] { start_rolling_update(update); });
  }
  for (const auto& failure : scenario_.churn.host_failures) {
    const HostId host = host_by_name(failure.host);
    if (host == kNoHost) throw std::invalid_argument("cluster: unknown host " + failure.host);
    rt_.schedule(failure.at, [this, host] { fail_host(host); });
    if (failure.duration) {
      rt_.schedule(failure.at + *failure.duration, [this, host] { recover_host(host); });
    }
  }
  for (const auto& failure : scenario_.churn.components) {
    const std::string name = failure.component;
    rt_.schedule(failure.at, [this, name] {
      events_.churn("component_down", name, "", "");
      pattern_.component_down(name);
    });
    if (failure.duration) {
      rt_.schedule(failure.at + *failure.duration, [this, name] {
        events_.churn("component_up", name, "", "");
        pattern_.component_up(name);
      });
    }
  }
}

HostId Cluster::place(int service, HostId preferred) {
  (void)service;
  if (preferred != kNoHost && host_up_[preferred]) return preferred;
  // Least-loaded host that is up and not reserved for a component; ties broken by a rotating
  // cursor so services spread out.
  HostId best = kNoHost;
  const std::size_t n = hosts_.size();
  for (std::size_t k = 0; k < n; ++k) {
    const auto h = static_cast<HostId>((placement_cursor_ + k) % n);
    if (!host_up_[h] || host_reserved_[h]) continue;
    if (best == kNoHost || host_load_[h] < host_load_[best]) best = h;
  }
  ++placement_cursor_;
  return best;
}

InstanceId Cluster::schedule(int service, int slot, int incarnation) {
  HostId preferred = kNoHost;
  if (incarnation > 0) {  // a restart goes back to its slot's last host when it is up
    for (auto it = containers_.rbegin(); it != containers_.rend(); ++it) {
      if ((*it)->service == service && (*it)->slot == slot) {
        preferred = (*it)->host;
        break;
      }
    }
  }
  const HostId host = place(service, preferred);
  if (host == kNoHost) {
    unplaced_.push_back({service, slot, incarnation});
    return kNoInstance;
  }
  const auto id = static_cast<InstanceId>(containers_.size());
  auto c = std::make_unique<Container>();
  c->id = id;
  c->service = service;
  c->slot = slot;
  c->incarnation = incarnation;
  c->name = container_name(service, slot, incarnation);
  c->version = services_[service].version;
  c->host = host;
  const ServiceSpec& spec = scenario_.services[service];
  const std::string stream_entity =
      spec.name + "/" + std::to_string(slot) + "/" + std::to_string(incarnation);
  c->server = std::make_unique<InstanceServer>(rt_, spec, rt_.random(stream_entity, "service-time"),
                                               &events_, id);
  ++host_load_[host];
  ++counts_.starts;
  Container& ref = *c;
  containers_.push_back(std::move(c));
  events_.churn("scheduled", ref.name, spec.name, hosts_[host].name);
  ref.lifecycle_timer = rt_.schedule(spec.startup, [this, id] { begin_starting(id); });
  arm_crash(ref);
  return id;
}

void Cluster::arm_crash(Container& c) {
  if (!crash_enabled_[c.service]) return;
  const ServiceSpec& spec = scenario_.services[c.service];
  const std::string entity =
      spec.name + "/" + std::to_string(c.slot) + "/" + std::to_string(c.incarnation);
  RandomStream stream = rt_.random(entity, "crash");
  const Duration life =
      from_seconds(stream.exponential(scenario_.churn.crashes.rate_per_instance_per_s));
  const InstanceId id = c.id;
  c.crash_timer = rt_.schedule(life, [this, id] { crash(id, "random"); });
}

void Cluster::begin_starting(InstanceId id) {
  Container& c = *containers_[id];
  c.lifecycle_timer = kNoTimer;
  c.state = ContainerState::starting;
  c.endpoint = rt_.open(c.host, "instance",
                        [server = c.server.get()](const Message& m) { server->handle(m); });
  c.server->bind(c.endpoint);
  const ServiceSpec& spec = scenario_.services[c.service];
  InstanceInfo info;
  info.id = c.id;
  info.service = spec.name;
  info.name = c.name;
  info.host = c.host;
  info.host_name = hosts_[c.host].name;
  info.zone = "rack" + std::to_string(hosts_[c.host].zone);
  info.zone_index = hosts_[c.host].zone;
  info.version = c.version;
  info.endpoint = c.endpoint;
  pattern_.instance_started(info);
  start_calls(c);
  c.lifecycle_timer = rt_.schedule(spec.readiness, [this, id] { become_ready(id); });
}

// The instance's client library for each service it calls starts with its process (it fetches
// at startup), through the pattern under test.
void Cluster::start_calls(Container& c) {
  const ServiceSpec& spec = scenario_.services[c.service];
  if (spec.calls.empty()) return;
  const std::string entity =
      spec.name + "/" + std::to_string(c.slot) + "/" + std::to_string(c.incarnation);
  // Call ids: the top bit set, then the instance id: apart from every client's ids.
  auto calls = std::make_unique<InstanceCalls>(
      spec.call_mode, spec.on_call_failure, rt_.random(entity, "calls"),
      (std::uint64_t{1} << 63) | (std::uint64_t{c.id} << 24));
  for (const CallSpec& call : spec.calls) {
    CallerInfo info;
    info.name = c.name + "/" + call.service;
    info.group = spec.name + "->" + call.service;
    info.host = c.host;
    info.target_service = call.service;
    info.try_timeout = call.timeout;
    info.max_retries = static_cast<std::uint32_t>(call.retries);
    info.listener = calls.get();
    Caller& caller = pattern_.add_caller(info);
    calls->add(caller, call.probability);
    caller.start();
  }
  c.server->set_calls(std::move(calls));
}

// The process is gone: its callers go with it (their requests in flight are dropped).
void Cluster::stop_calls(Container& c) {
  InstanceCalls* calls = c.server->calls();
  if (calls == nullptr) return;
  calls->abandon();
  for (Caller* caller : calls->callers()) pattern_.remove_caller(*caller);
  c.server->set_calls(nullptr);
}

void Cluster::become_ready(InstanceId id) {
  Container& c = *containers_[id];
  c.lifecycle_timer = kNoTimer;
  c.state = ContainerState::ready;
  c.server->set_accepting(true);
  const std::string& service = scenario_.services[c.service].name;
  events_.instance_ready(id, service);
  events_.churn("ready", c.name, service, "");
  pattern_.instance_ready(id);
  initial_replica_ready(c);
  lifecycle_changed(c.service);
}

void Cluster::initial_replica_ready(const Container& c) {
  if (deployment_ready_at_) return;
  auto& slots = initial_ready_[c.service];
  const auto slot = static_cast<std::size_t>(c.slot);
  if (slot >= slots.size() || slots[slot]) return;
  slots[slot] = true;
  if (--initial_pending_ == 0) deployment_ready();
}

void Cluster::deployment_ready() {
  deployment_ready_at_ = rt_.now();
  events_.churn("deployment_ready", "cluster", "", "");
  if (auto callback = std::move(deployment_ready_callback_)) {
    deployment_ready_callback_ = nullptr;
    callback();
  }
}

void Cluster::stop(InstanceId id) {
  Container& c = *containers_.at(id);
  if (c.state == ContainerState::terminating || c.state == ContainerState::gone) return;
  const bool was_ready = c.state == ContainerState::ready;
  const bool had_process = c.state != ContainerState::scheduled;
  rt_.cancel(c.crash_timer);
  rt_.cancel(c.lifecycle_timer);
  c.crash_timer = c.lifecycle_timer = kNoTimer;
  ++counts_.stops;
  const ServiceSpec& spec = scenario_.services[c.service];
  events_.churn("stop", c.name, spec.name, "");
  if (!had_process) {  // never started: nothing to drain
    c.state = ContainerState::gone;
    --host_load_[c.host];
    lifecycle_changed(c.service);
    return;
  }
  c.state = ContainerState::terminating;
  if (was_ready) events_.instance_unready(id);
  pattern_.instance_stopping(id);
  c.lifecycle_timer = rt_.schedule(spec.drain, [this, id] { finish_drain(id); });
  lifecycle_changed(c.service);
}

void Cluster::finish_drain(InstanceId id) {
  Container& c = *containers_[id];
  c.lifecycle_timer = kNoTimer;
  c.server->abort();
  rt_.close(c.endpoint);
  c.state = ContainerState::gone;
  --host_load_[c.host];
  events_.churn("gone", c.name, scenario_.services[c.service].name, "drained");
  pattern_.instance_gone(id);
  stop_calls(c);
  lifecycle_changed(c.service);
}

void Cluster::take_down(Container& c, std::string_view cause) {
  const bool was_ready = c.state == ContainerState::ready;
  const bool had_process = c.state == ContainerState::starting ||
                           c.state == ContainerState::ready ||
                           c.state == ContainerState::terminating;
  rt_.cancel(c.crash_timer);
  rt_.cancel(c.lifecycle_timer);
  c.crash_timer = c.lifecycle_timer = kNoTimer;
  c.server->abort();
  if (had_process) rt_.close(c.endpoint);
  const bool was_terminating = c.state == ContainerState::terminating;
  c.state = ContainerState::gone;
  --host_load_[c.host];
  ++counts_.crashes;
  // summary.json counters.churn.crashes: the record changes a DNS cache sees (sim/theory).
  rt_.observer().count("churn.crashes");
  const std::string& service = scenario_.services[c.service].name;
  if (was_ready) events_.instance_unready(c.id);
  events_.churn("crash", c.name, service, cause);
  if (had_process) {
    pattern_.instance_crashed(c.id);
    pattern_.instance_gone(c.id);
    stop_calls(c);
  }
  if (!was_terminating) request_replacement(c);
  lifecycle_changed(c.service);
}

void Cluster::crash(InstanceId id, std::string_view cause) {
  Container& c = *containers_.at(id);
  if (!c.alive()) return;
  take_down(c, cause);
}

void Cluster::request_replacement(const Container& c) {
  const int service = c.service, slot = c.slot, incarnation = c.incarnation + 1;
  rt_.schedule(scenario_.churn.crashes.restart_delay,
               [this, service, slot, incarnation] { maybe_replace(service, slot, incarnation); });
}

void Cluster::maybe_replace(int service, int slot, int incarnation) {
  int counted = 0;
  for (const auto& c : containers_) {
    if (c->service == service && c->counted()) ++counted;
  }
  // A rolling update in progress plans its own containers; otherwise keep the replica count.
  if (services_[service].update == nullptr && counted < scenario_.services[service].replicas) {
    schedule(service, slot, incarnation);
  }
}

void Cluster::fail_host(HostId host) {
  if (!host_up_.at(host)) return;
  host_up_[host] = false;
  ++counts_.host_failures;
  set_host_up_(host, false);
  events_.churn("host_down", hosts_[host].name, "", "");
  pattern_.host_down(host);
  std::vector<InstanceId> victims;
  for (const auto& c : containers_) {
    if (c->host == host && c->alive()) victims.push_back(c->id);
  }
  for (InstanceId id : victims) take_down(*containers_[id], "host_failure");
}

void Cluster::recover_host(HostId host) {
  if (host_up_.at(host)) return;
  host_up_[host] = true;
  set_host_up_(host, true);
  events_.churn("host_up", hosts_[host].name, "", "");
  pattern_.host_up(host);
  retry_pending();
}

void Cluster::retry_pending() {
  auto pending = std::move(unplaced_);
  unplaced_.clear();
  for (const auto& p : pending) schedule(p.service, p.slot, p.incarnation);
}

void Cluster::start_rolling_update(const RollingUpdateSpec& spec) {
  const int service = service_index(spec.service);
  if (service < 0)
    throw std::invalid_argument("cluster: rolling update of unknown service " + spec.service);
  services_[service].version = spec.version;
  events_.churn("rolling_update", spec.service, spec.service, "started " + spec.version);
  updates_.push_back(std::make_unique<RollingUpdate>(*this, service, spec));
  services_[service].update = updates_.back().get();
  services_[service].update->step();
}

void Cluster::lifecycle_changed(int service) {
  if (RollingUpdate* update = services_[service].update) update->step();
}

}  // namespace discolab

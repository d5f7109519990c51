#include "patterns/client_side/client_side_pattern.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace discolab {

// A caller with its own registry poller and balancer: the Ribbon client of one service. Its
// poller (and the view it reports) exists from its start: it fetches then, then periodically
// (random phase); requests issued before its first fetch settles wait for it, as a client's
// first call waits for its initial server list.
class ClientSidePattern::DiscoveringCaller final : public Caller, public TargetChooser {
 public:
  DiscoveringCaller(Runtime& rt, const ClientSideConfig& config, EndpointId registry,
                    const CallerInfo& info)
      : balancer_(make_balancer(config.balancer, rt.random(info.name, "balancer-setup"),
                                [&rt] { return rt.now(); })),
        picks_(rt.random(info.name, "pick")),
        caller_(rt, info, *this),
        rt_(rt),
        host_(info.host),
        registry_(registry),
        poller_config_(poller_config(config, info)) {}

  void start() override {
    if (poller_) return;
    poller_.emplace(rt_, host_, registry_, poller_config_,
                    [this](const EndpointListPtr& list) { balancer_->update(list); });
    poller_->when_settled([this] {
      for (const auto& [id, at] : waiting_) caller_.issue_at(id, at);
      waiting_.clear();
      waiting_.shrink_to_fit();
    });
    poller_->start();
  }

  void issue(std::uint64_t request_id) override {
    if (poller_ && poller_->settled()) return caller_.issue(request_id);
    waiting_.emplace_back(request_id, rt_.now());
  }

  std::variant<CallTarget, FailureCause> choose(std::span<const InstanceId> tried) override {
    const std::size_t n = balancer_->endpoints().size();
    if (n == 0) {
      // Never heard from the registry at all: discovery itself failed.
      return poller_ && poller_->index() == 0 && poller_->errors() > 0 ? FailureCause::registry_down
                                                                       : FailureCause::no_endpoint;
    }
    PickContext ctx{picks_(), &picks_};
    PickResult pick = balancer_->pick(ctx);
    // Prefer an instance not tried yet: a few more picks move round robin along and give
    // random policies another draw; after n attempts take what we have.
    for (std::size_t k = 1; k < n && pick.ok() && is_tried(tried, pick.endpoint.instance); ++k) {
      pick = balancer_->pick(ctx);
    }
    if (!pick.ok()) return FailureCause::no_endpoint;
    return CallTarget{pick.endpoint.address, pick.endpoint.instance};
  }

  void try_started(const CallTarget& target) override { balancer_->on_start(endpoint_of(target)); }
  void try_finished(const CallTarget& target, Duration latency, bool ok) override {
    balancer_->on_finish(endpoint_of(target), latency, ok);
  }

 private:
  static registry::PollerConfig poller_config(const ClientSideConfig& config,
                                              const CallerInfo& info) {
    registry::PollerConfig c = config.poller;
    c.name = "client/" + info.name;
    c.service = info.target_service;
    return c;
  }
  static bool is_tried(std::span<const InstanceId> tried, InstanceId id) {
    return std::find(tried.begin(), tried.end(), id) != tried.end();
  }
  static ServiceEndpoint endpoint_of(const CallTarget& t) {
    ServiceEndpoint e;
    e.instance = t.instance;
    e.address = t.address;
    return e;
  }

  std::unique_ptr<Balancer> balancer_;
  RandomStream picks_;
  RetryingCaller caller_;
  Runtime& rt_;
  HostId host_;
  EndpointId registry_;
  registry::PollerConfig poller_config_;
  std::optional<registry::RegistryPoller> poller_;          // from start()
  std::vector<std::pair<std::uint64_t, SimTime>> waiting_;  // issued before the first fetch
};

ClientSidePattern::ClientSidePattern(Runtime& rt, ClientSideConfig config)
    : rt_(rt), config_(std::move(config)) {}

ClientSidePattern::~ClientSidePattern() = default;

void ClientSidePattern::start() {
  registry_ =
      std::make_unique<registry::RegistryServer>(rt_, config_.registry_host, config_.server);
}

void ClientSidePattern::instance_started(const InstanceInfo& info) {
  if (!registry_) throw std::logic_error("client-side: instance_started before start()");
  agents_[info.id] = std::make_unique<registry::SelfRegistrationAgent>(
      rt_, registry_->endpoint(), info, config_.registration, info.zone_index);
}

void ClientSidePattern::instance_ready(InstanceId id) {
  if (auto it = agents_.find(id); it != agents_.end()) it->second->ready();
}

void ClientSidePattern::instance_stopping(InstanceId id) {
  if (auto it = agents_.find(id); it != agents_.end()) it->second->stop();
}

void ClientSidePattern::instance_crashed(InstanceId id) {
  if (auto it = agents_.find(id); it != agents_.end()) it->second->kill();
}

void ClientSidePattern::instance_gone(InstanceId id) { agents_.erase(id); }

void ClientSidePattern::host_down(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->stop();
}

void ClientSidePattern::host_up(HostId host) {
  if (registry_ && host == config_.registry_host) registry_->start();
}

Caller& ClientSidePattern::add_caller(const CallerInfo& info) {
  if (!registry_) throw std::logic_error("client-side: add_caller before start()");
  callers_.push_back(
      std::make_unique<DiscoveringCaller>(rt_, config_, registry_->endpoint(), info));
  return *callers_.back();
}

}  // namespace discolab

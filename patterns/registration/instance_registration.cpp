#include "patterns/registration/instance_registration.h"

namespace discolab {

namespace {
template <class Map, class Fn>
void with(Map& map, InstanceId id, Fn fn) {
  if (auto it = map.find(id); it != map.end()) fn(*it->second);
}
}  // namespace

std::string_view to_string(RegistrationMode mode) {
  switch (mode) {
    case RegistrationMode::self:
      return "self";
    case RegistrationMode::sidecar:
      return "sidecar";
    case RegistrationMode::orchestrator:
      return "orchestrator";
  }
  return "?";
}

InstanceRegistration::InstanceRegistration(Runtime& rt, EndpointId registry,
                                           RegistrationSetup setup)
    : rt_(rt), registry_(registry), setup_(std::move(setup)) {
  if (setup_.mode == RegistrationMode::orchestrator) {
    orchestrator_.emplace(rt_, setup_.orchestrator_host, registry_, setup_.orchestrator);
  }
}

InstanceRegistration::~InstanceRegistration() = default;

std::size_t InstanceRegistration::instances() const {
  switch (setup_.mode) {
    case RegistrationMode::self:
      return self_.size();
    case RegistrationMode::sidecar:
      return sidecars_.size();
    case RegistrationMode::orchestrator:
      return known_.size();
  }
  return 0;
}

void InstanceRegistration::instance_started(const InstanceInfo& info) {
  switch (setup_.mode) {
    case RegistrationMode::self:
      self_[info.id] = std::make_unique<registry::SelfRegistrationAgent>(
          rt_, registry_, info, setup_.self, info.zone_index);
      return;
    case RegistrationMode::sidecar: {
      auto agent = std::make_unique<registry::SidecarRegistrationAgent>(
          rt_, registry_, info, setup_.sidecar, info.zone_index);
      agent->start();
      sidecars_[info.id] = std::move(agent);
      return;
    }
    case RegistrationMode::orchestrator:
      known_[info.id] = Known{info, false};
      return;
  }
}

void InstanceRegistration::instance_ready(InstanceId id) {
  with(self_, id, [](auto& a) { a.ready(); });
  if (orchestrator_) {
    if (auto it = known_.find(id); it != known_.end()) {
      it->second.listed = true;
      orchestrator_->set(registry::record_from(it->second.info, it->second.info.zone_index));
    }
  }
}

void InstanceRegistration::instance_stopping(InstanceId id) {
  with(self_, id, [](auto& a) { a.stop(); });
  with(sidecars_, id, [](auto& a) { a.stop(); });
  unlist(id);
}

void InstanceRegistration::instance_crashed(InstanceId id) {
  with(self_, id, [](auto& a) { a.kill(); });
  if (!setup_.sidecar.per_host) with(sidecars_, id, [](auto& a) { a.kill(); });
  unlist(id);
}

// The scheduler saw the instance leave: the orchestrator removes what it listed.
void InstanceRegistration::unlist(InstanceId id) {
  auto it = known_.find(id);
  if (!orchestrator_ || it == known_.end() || !it->second.listed) return;
  it->second.listed = false;
  orchestrator_->remove(id);
}

void InstanceRegistration::instance_gone(InstanceId id) {
  self_.erase(id);
  std::erase_if(retired_, [](const auto& a) { return !a->running(); });
  if (auto it = sidecars_.find(id); it != sidecars_.end()) {
    if (setup_.sidecar.per_host && it->second->running()) {
      it->second->retire();
      if (it->second->running()) retired_.push_back(std::move(it->second));
    }
    sidecars_.erase(it);
  }
  known_.erase(id);
}

}  // namespace discolab

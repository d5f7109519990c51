#include "patterns/registry/service_view.h"

#include "patterns/core/observer.h"
#include "patterns/registry/registry_consumer.h"

namespace discolab::registry {

ServiceView::ServiceView(Runtime& runtime, std::string component, std::string service,
                         UpdateCallback on_update)
    : rt_(runtime),
      service_(std::move(service)),
      on_update_(std::move(on_update)),
      view_(runtime.observer().view_opened(component, service_)),
      endpoints_(std::make_shared<const EndpointList>()) {}

ServiceView::~ServiceView() { rt_.observer().view_closed(view_); }

bool ServiceView::apply(const CatalogUpdate& update, std::uint64_t index) {
  if (update.full) records_.clear();
  for (const Change& c : update.changes) {
    if (c.record->service != service_) continue;
    if (c.removed) {
      records_.erase(c.id);
    } else {
      records_[c.id] = c.record;
    }
  }
  index_ = index;

  EndpointList list;
  list.reserve(records_.size());
  for (const auto& [id, r] : records_) {
    if (r->status == InstanceStatus::up) list.push_back(to_endpoint(*r));
  }
  const bool first = !answered_;
  answered_ = true;
  const bool changed = list != *endpoints_;
  if (!changed && !first) return false;
  if (changed) endpoints_ = std::make_shared<const EndpointList>(std::move(list));

  std::vector<InstanceId> ids = instance_ids(*endpoints_);
  if (ids != reported_) {
    reported_ = std::move(ids);
    rt_.observer().view_changed(view_, reported_);
  }
  if (on_update_) on_update_(endpoints_);
  return changed;
}

void RegistryConsumer::count_error(std::string_view counter) {
  ++errors_;
  rt_.observer().count(counter);
}

}  // namespace discolab::registry

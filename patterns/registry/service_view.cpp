#include "patterns/registry/service_view.h"

#include <algorithm>

#include "patterns/core/observer.h"
#include "patterns/registry/registry_consumer.h"

namespace discolab::registry {

ServiceView::ServiceView(Runtime& runtime, std::string component, std::string service,
                         UpdateCallback on_update, bool report_view)
    : rt_(runtime),
      service_(std::move(service)),
      on_update_(std::move(on_update)),
      view_(report_view ? runtime.observer().view_opened(component, service_) : ViewId{0}),
      report_view_(report_view),
      endpoints_(std::make_shared<const EndpointList>()) {}

ServiceView::~ServiceView() {
  if (report_view_) rt_.observer().view_closed(view_);
}

// This service's changes by id (updates are sorted already; sorting keeps the order of equal
// ids, the last of which wins), merged into the records (replacing them when `full`).
void ServiceView::merge(std::vector<const Change*> mine, bool full) {
  const auto by_id = [](const Change* a, const Change* b) { return a->id < b->id; };
  if (!std::is_sorted(mine.begin(), mine.end(), by_id)) {
    std::stable_sort(mine.begin(), mine.end(), by_id);
  }
  std::vector<std::pair<InstanceId, RecordPtr>> next;
  next.reserve((full ? 0 : records_.size()) + mine.size());
  auto kept = records_.begin();
  const auto kept_end = full ? records_.begin() : records_.end();
  for (std::size_t k = 0; k < mine.size(); ++k) {
    const Change& c = *mine[k];
    if (k + 1 < mine.size() && mine[k + 1]->id == c.id) continue;  // a later one wins
    for (; kept != kept_end && kept->first < c.id; ++kept) next.push_back(std::move(*kept));
    if (kept != kept_end && kept->first == c.id) ++kept;
    if (!c.removed) next.emplace_back(c.id, c.record);
  }
  for (; kept != kept_end; ++kept) next.push_back(std::move(*kept));
  records_ = std::move(next);
}

bool ServiceView::apply(const CatalogUpdate& update, std::uint64_t index) {
  std::vector<const Change*> mine;
  for (const Change& c : update.changes) {
    if (c.record->service == service_) mine.push_back(&c);
  }
  if (update.full || !mine.empty()) merge(std::move(mine), update.full);
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
  if (report_view_ && ids != reported_) {
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

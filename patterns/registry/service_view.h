// A consumer's copy of one service, built from the registry's full and delta updates.
//
// Keeps the records it has been told about, derives the usable EndpointList (the `up`
// instances, by ascending id) and reports it as a view to Observer under `component`
// (e.g. "client/users-3"). Used by the poller, the watcher and the blocking-query client.
//
// Contract: the view is opened at construction and closed at destruction; view_changed is
// reported only when the set of instance ids changes. With report_view false no view is
// opened: the holder reports another list as its view (an Upstream filtering by health), as
// each holder has exactly one view. `on_update` runs after an update that
// changed the list (ids or any endpoint field) and after the first update ever applied,
// even when empty, so that the holder knows discovery has answered. It is never called from
// inside the constructor or destructor.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/runtime.h"
#include "patterns/registry/catalog.h"

namespace discolab::registry {

using UpdateCallback = std::function<void(const EndpointListPtr&)>;

class ServiceView {
 public:
  ServiceView(Runtime& runtime, std::string component, std::string service,
              UpdateCallback on_update, bool report_view = true);
  ~ServiceView();
  ServiceView(const ServiceView&) = delete;
  ServiceView& operator=(const ServiceView&) = delete;

  // Applies `update` (records of other services are ignored). Returns whether the list changed.
  bool apply(const CatalogUpdate& update) { return apply(update, update.index); }
  // The same, with the receiver's cursor set to `index` (a blocking query's service index).
  bool apply(const CatalogUpdate& update, std::uint64_t index);

  const EndpointListPtr& endpoints() const { return endpoints_; }
  // The index of the last update applied (0 before any): what a delta is asked since.
  std::uint64_t index() const { return index_; }
  void reset_index() { index_ = 0; }
  bool answered() const { return answered_; }
  const std::string& service() const { return service_; }

 private:
  void merge(std::vector<const Change*> mine, bool full);

  Runtime& rt_;
  std::string service_;
  UpdateCallback on_update_;
  ViewId view_;
  bool report_view_;
  // By ascending id: a sorted vector rather than a map, since every client of a large
  // service holds one (24 bytes an instance instead of a tree node's 64).
  std::vector<std::pair<InstanceId, RecordPtr>> records_;
  EndpointListPtr endpoints_;
  std::vector<InstanceId> reported_;
  std::uint64_t index_ = 0;
  bool answered_ = false;
};

}  // namespace discolab::registry

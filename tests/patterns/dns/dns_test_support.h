// Shared by the DNS tests: endpoint lists with predictable ids, and an Observer that keeps
// every view's life as readable events.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/observer.h"

namespace discolab::dns::testing {

// `n` endpoints: instances first_instance.., endpoint ids 100.., hosts 10..
inline EndpointListPtr endpoints(int n, InstanceId first_instance = 1) {
  auto list = std::make_shared<EndpointList>();
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::uint32_t>(i);
    list->push_back(ServiceEndpoint{first_instance + k, 100u + k, 10u + k, 1, 0});
  }
  return list;
}

class RecordingObserver final : public Observer {
 public:
  struct View {
    std::string component;
    std::string service;
    std::vector<std::vector<InstanceId>> changes;
    bool closed = false;
  };

  ViewId view_opened(std::string_view component, std::string_view service) override {
    views.push_back(View{std::string(component), std::string(service), {}, false});
    return static_cast<ViewId>(views.size() - 1);
  }
  void view_changed(ViewId view, std::span<const InstanceId> members) override {
    views.at(view).changes.emplace_back(members.begin(), members.end());
  }
  void view_closed(ViewId view) override { views.at(view).closed = true; }
  void try_sent(InstanceId, CallerTag) override {}
  void request_done(const RequestOutcome&) override {}
  void count(std::string_view name, std::uint64_t delta) override {
    counts[std::string(name)] += delta;
  }

  std::vector<View> views;
  std::map<std::string, std::uint64_t> counts;
};

}  // namespace discolab::dns::testing

// An Observer for tests: remembers every view's changes (with the time) and every count.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "patterns/core/observer.h"
#include "patterns/core/runtime.h"

namespace discolab::test {

class RecordingObserver final : public Observer {
 public:
  struct ViewRecord {
    std::string component;
    std::string service;
    std::vector<std::pair<SimTime, std::vector<InstanceId>>> changes;
    bool closed = false;
  };

  explicit RecordingObserver(const Runtime& rt) : rt_(rt) {}

  ViewId view_opened(std::string_view component, std::string_view service) override {
    views.push_back(ViewRecord{std::string(component), std::string(service), {}, false});
    return static_cast<ViewId>(views.size() - 1);
  }
  void view_changed(ViewId view, std::span<const InstanceId> members) override {
    views.at(view).changes.emplace_back(rt_.now(),
                                        std::vector<InstanceId>(members.begin(), members.end()));
  }
  void view_closed(ViewId view) override { views.at(view).closed = true; }
  void try_sent(InstanceId, CallerTag) override {}
  void request_done(const RequestOutcome&) override {}
  void count(std::string_view name, std::uint64_t delta) override {
    counts[std::string(name)] += delta;
  }

  // The view held by `component` for `service`; throws if none was opened.
  const ViewRecord& view(std::string_view component, std::string_view service) const {
    for (const auto& v : views) {
      if (v.component == component && v.service == service) return v;
    }
    throw std::out_of_range("no such view");
  }
  std::uint64_t counted(const std::string& name) const {
    auto it = counts.find(name);
    return it == counts.end() ? 0 : it->second;
  }

  std::vector<ViewRecord> views;
  std::map<std::string, std::uint64_t> counts;

 private:
  const Runtime& rt_;
};

}  // namespace discolab::test

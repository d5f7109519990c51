// What pattern components report, so that metrics follow from facts
// (docs/architecture.md, decision 3).
//
// Every component that holds a view of a service's instances (a client's list, a DNS cache
// entry, an LB's backend set, a proxy table, the registry itself) opens a view and reports
// each change of it. Clients report every try they send (for stale routes) and the outcome of
// every request, each tagged with the caller's group (CallerTag) so figures can be broken down
// per client group and target service. The simulator's metrics implement this; tests use
// NullObserver or their own.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "patterns/core/ids.h"
#include "patterns/core/time.h"

namespace discolab {

enum class FailureCause : std::uint8_t {
  refused,            // the instance's endpoint was closed (crashed container)
  timeout,            // no answer within the per-try timeout
  no_endpoint,        // the view held no usable instance
  lb_down,            // a load balancer, proxy or gateway in the path was down
  registry_down,      // discovery failed before any instance was known
  retries_exhausted,  // every allowed try failed (the last cause is in last_cause)
  overloaded,         // the instance rejected the request (queue full)
  reset,              // the instance's process crashed with the try queued or in service
  dns_failed,         // a DNS lookup failed (every resolver try unanswered or refused)
  downstream_failed,  // the instance failed the request because a call it made failed
};
inline constexpr int kFailureCauseCount = 10;

// A cheap handle naming a caller's (client group, target service), from
// Observer::caller_opened; 0 when the caller never opened one (untagged).
using CallerTag = std::uint32_t;
std::string_view to_string(FailureCause cause);

struct RequestOutcome {
  std::uint64_t request_id = 0;
  SimTime started{};   // when the caller issued it
  SimTime finished{};  // when the caller learned the outcome
  bool ok = false;
  FailureCause cause = FailureCause::timeout;       // meaningful when !ok
  FailureCause last_cause = FailureCause::timeout;  // the last try's cause, when !ok
  std::uint32_t tries = 0;
  CallerTag caller = 0;  // the issuing caller's tag
};

class Observer {
 public:
  virtual ~Observer() = default;

  // A view of `service`'s usable instances held by `component` (e.g. "client/web-caller-3").
  virtual ViewId view_opened(std::string_view component, std::string_view service) = 0;
  // The whole new view, instance ids sorted ascending and unique. Report only real changes.
  virtual void view_changed(ViewId view, std::span<const InstanceId> members) = 0;
  virtual void view_closed(ViewId view) = 0;
  // The holder of `view` answered a lookup from it (a client's DNS resolution served from its
  // cache or freshly resolved), after reporting any change that answer made. The simulator
  // counts reads and the reads of a view that disagrees with the truth (stale answers).
  virtual void view_read(ViewId view) { (void)view; }

  // A caller of client group `group` (e.g. "users") calling `service` appears. Callers of the
  // same group and service may share a tag. Its tries and outcomes carry the tag returned.
  virtual CallerTag caller_opened(std::string_view group, std::string_view service) {
    (void)group, (void)service;
    return 0;
  }
  // A try of a request leaves the caller `caller` towards `target` (stale if it is not ready
  // now).
  virtual void try_sent(InstanceId target, CallerTag caller) = 0;
  virtual void request_done(const RequestOutcome& outcome) = 0;

  // A named event count a component wants reported (e.g. "registry.acl_rejected").
  virtual void count(std::string_view name, std::uint64_t delta = 1) = 0;
};

class NullObserver final : public Observer {
 public:
  ViewId view_opened(std::string_view, std::string_view) override { return next_++; }
  void view_changed(ViewId, std::span<const InstanceId>) override {}
  void view_closed(ViewId) override {}
  void try_sent(InstanceId, CallerTag) override {}
  void request_done(const RequestOutcome&) override {}
  void count(std::string_view, std::uint64_t) override {}

 private:
  ViewId next_ = 0;
};

}  // namespace discolab

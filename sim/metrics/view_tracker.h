// Views of the ground truth held by components, and how far they lag it (docs/architecture.md,
// decision 3).
//
// A view is the set of instances of one service that a component believes usable (a client's
// list, a DNS cache entry, an LB's backends, a proxy table, the registry itself). It is
// judged against the ground truth's ready set of its service. Two measures follow; their
// exact definitions are in docs/metrics.md:
//
// - propagation delay: for every truth change (instance i of service s becomes ready, or
//   stops being ready) at time t and every view of s open at t, the time until the view first
//   reflects it (contains i, resp. lacks i). A pair still pending when the truth flips back is
//   *superseded* (no sample, and the flip-back makes no pair for that view: the view agrees
//   again without having moved). A view that already reflects the change gives a 0 sample.
//   Pairs pending at the end are *censored*, pairs pending when their view closes are
//   *closed*; neither gives a sample (the oldest censored age is reported as a lower bound).
// - stale-view fraction: the share of open views whose members differ from the ready set,
//   time-averaged over the time at least one view is open.
//
// Both are kept incrementally: each view keeps the count of instances on which it disagrees
// with the truth, updated from the diff of its sorted member lists and from each truth change
// (which visits only the open views of that service). Only changes at or after the warmup
// count towards the statistics; time is integrated from the warmup on. Times must not
// decrease between calls. Durations are in seconds.
//
// Cost: a view change costs its common prefix and suffix at memcmp speed plus the instances
// that differ (a registry view growing by one replica does not walk its whole list). Pending
// pairs are not stored one per (change, view): each service keeps a log of its truth changes,
// and each view a cursor into it. A pair is pending for a change at or after the cursor iff
// it is the instance's latest change and the view disagrees on the instance without having
// moved it since (the few it moved are listed). When the view changes, the cursor moves to
// the end of the log and only the pairs still pending then are kept for the view. So memory
// is one record per truth change (until every view has moved past it) plus one per pair that
// outlives a change of its view, instead of one per (change, open view).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "patterns/core/ids.h"
#include "patterns/core/time.h"
#include "sim/metrics/ground_truth.h"
#include "sim/metrics/latency_histogram.h"

namespace discolab::metrics {

enum class Resolution : std::uint8_t { reflected, superseded, censored, closed };

// What a view change added and removed, ascending.
struct ViewDiff {
  std::vector<InstanceId> added;
  std::vector<InstanceId> removed;
};

// One (truth change, view) pair once it is resolved; reflected pairs carry the delay.
struct PropagationSample {
  ViewId view = 0;
  InstanceId instance = kNoInstance;
  ServiceIndex service = kNoService;
  bool to_ready = false;  // the change: became ready (true) or stopped being ready
  SimTime changed{};      // when the truth changed
  SimTime resolved{};     // when the view reflected it, the truth flipped back, the run ended …
  Resolution resolution = Resolution::reflected;
};

struct PropagationStats {
  LatencyHistogram delays;  // reflected pairs, seconds
  std::uint64_t superseded = 0;
  std::uint64_t censored = 0;
  std::uint64_t closed = 0;
  double censored_max_age_s = 0.0;  // the longest wait among censored pairs: a lower bound

  void add(const PropagationSample& sample);
};

// Time average of the stale-view fraction over [from, …), counting only time with open views.
class StaleFractionAverage {
 public:
  explicit StaleFractionAverage(SimTime from = SimTime{0}) : from_(from), last_(from) {}
  // Integrates the value held since the last call (stale / open views) up to t.
  void advance(SimTime t, std::size_t stale, std::size_t open);
  // NaN when no view was open during the covered time.
  double average() const;
  double covered_s() const { return covered_s_; }

 private:
  SimTime from_{};
  SimTime last_{};
  double weighted_s_ = 0.0;  // ∫ stale/open dt
  double covered_s_ = 0.0;   // ∫ [open > 0] dt
};

// The component kind of a registry's own view ("registry/<name>"): reported apart from the
// consumers' views, which see the registry's answers.
inline constexpr std::string_view kRegistryKind = "registry";

class ViewTracker {
 public:
  ViewTracker(GroundTruth& truth, SimTime warmup);

  // `component` like "client/web-caller-3"; its kind is the part before '/'.
  ViewId open(std::string_view component, std::string_view service, SimTime t);
  // The whole new member list, strictly ascending (std::invalid_argument otherwise). Returns
  // what it added and removed (valid until the next call).
  const ViewDiff& change(ViewId view, std::span<const InstanceId> members, SimTime t);
  void close(ViewId view, SimTime t);
  // Call after GroundTruth reported a change of `instance` (of `service`) at t.
  void truth_changed(InstanceId instance, ServiceIndex service, bool ready, SimTime t);
  // Integrates time up to t (for reading averages); further calls must not be earlier.
  void integrate_to(SimTime t);
  // Integrates to `end` and censors every pending pair. The tracker is not used afterwards.
  void finish(SimTime end);

  // The stale-view fraction averaged since the last call (or the start), up to `end`; resets.
  double take_interval_stale_fraction(SimTime end) { return take_interval(end).average(); }
  // The same average, with the time it covered; resets.
  StaleFractionAverage take_interval(SimTime end);
  double stale_view_fraction() const { return run_average_.average(); }
  // Delays of the reflected pairs resolved since the last take (every change, warmup included:
  // the timeseries covers the whole run); reset_interval_propagation() starts afresh.
  const LatencyHistogram& interval_propagation() const { return interval_delays_; }
  void reset_interval_propagation() { interval_delays_.reset(); }
  std::size_t open_views() const { return open_; }
  std::size_t stale_views() const { return stale_; }

  const PropagationStats& propagation() const { return all_; }
  const PropagationStats& propagation(bool to_ready) const { return by_direction_[to_ready]; }

  // Component kinds in order of first appearance.
  std::size_t kind_count() const { return kinds_.size(); }
  const std::string& kind_name(std::size_t kind) const { return kinds_[kind].name; }
  const PropagationStats& kind_propagation(std::size_t kind) const {
    return kinds_[kind].propagation;
  }
  const PropagationStats& kind_propagation(std::size_t kind, bool to_ready) const {
    return kinds_[kind].by_direction[to_ready];
  }
  // Every view but the registry's own (kind kRegistryKind): what consumers see.
  const PropagationStats& consumer_propagation() const { return consumers_; }
  const PropagationStats& consumer_propagation(bool to_ready) const {
    return consumers_by_direction_[to_ready];
  }
  double kind_stale_view_fraction(std::size_t kind) const { return kinds_[kind].average.average(); }

  // Per view, for tests and the events log.
  std::span<const InstanceId> members(ViewId view) const { return at(view).members; }
  std::size_t disagreement(ViewId view) const { return at(view).disagree; }
  const std::string& component(ViewId view) const { return components_[at(view).component]; }
  ServiceIndex service(ViewId view) const { return at(view).service; }
  std::size_t views_opened() const { return views_.size(); }
  // Records held for pending pairs: logged truth changes not yet passed by every open view of
  // their service, plus pairs kept per view. Bounded by changes + views × pending-at-a-change,
  // not changes × views.
  std::size_t pending_records() const;

  // Called with every resolved pair whose change is at or after the warmup.
  void set_sample_sink(std::function<void(const PropagationSample&)> sink) {
    sink_ = std::move(sink);
  }

 private:
  struct Pending {
    InstanceId instance;
    SimTime since{};
    bool to_ready;
  };
  struct View {
    ServiceIndex service = kNoService;
    std::uint32_t kind = 0;
    std::uint32_t component = 0;
    bool open = false;
    std::size_t disagree = 0;
    std::size_t slot = 0;             // position in open_by_service_[service]
    std::vector<InstanceId> members;  // ascending
    std::uint64_t cursor = 0;         // changes of the service's log before this are settled
    // Pending pairs of changes before the cursor (kept when the cursor moved past them).
    std::unordered_map<InstanceId, Pending> held;
    // Instances whose latest change is at or after the cursor and that the view moved while
    // it agreed on them: their disagreement is not a pending pair.
    std::unordered_set<InstanceId> moved;
  };
  // A service's truth changes; the change with sequence number `base + k` is changes[k].
  struct ChangeLog {
    std::deque<Pending> changes;
    std::uint64_t base = 0;
    std::size_t trim_at = 64;  // try to trim once the log is this long …
    std::size_t at_base = 0;   // … and no open view's cursor is at `base` any more
    std::uint64_t end() const { return base + changes.size(); }
  };
  struct Kind {
    std::string name;
    std::size_t open = 0;
    std::size_t stale = 0;
    StaleFractionAverage average;
    PropagationStats propagation;
    PropagationStats by_direction[2];  // [to_ready]
  };

  const View& at(ViewId view) const;
  View& open_view(ViewId view);
  std::uint32_t kind_of(std::string_view component);
  // Adjusts one view's disagreement by ±1 and the stale counts when it crosses zero.
  void add_disagreement(View& v, bool more);
  void flip_membership(ViewId id, View& v, InstanceId instance, bool now_member, SimTime t);
  void resolve(ViewId id, const View& v, const Pending& p, SimTime t, Resolution how);
  bool disagrees(const View& v, InstanceId instance) const;
  // `instance`'s latest truth change if it is of v's service and at or after v's cursor.
  const Pending* logged_change(const View& v, InstanceId instance) const;
  // Moves v's cursor to the end of its service's log, keeping the pairs still pending.
  void advance_cursor(View& v);
  // Drops the changes every open view of `service` has passed. Tried only when the last view
  // at the log's start moved on and the log doubled since the last trim: amortised O(1).
  void trim_log(ServiceIndex service);
  // v's pending pairs, ascending by instance.
  std::vector<Pending> pending_of(const View& v) const;

  GroundTruth& truth_;
  SimTime warmup_{};
  SimTime now_{};
  std::vector<View> views_;
  std::vector<std::vector<ViewId>> open_by_service_;
  std::vector<ChangeLog> logs_;               // per service
  std::vector<std::uint64_t> latest_change_;  // per instance: its latest change's sequence
  ViewDiff diff_;
  std::vector<Kind> kinds_;
  std::map<std::string, std::uint32_t, std::less<>> kind_index_;
  std::vector<std::string> components_;
  std::map<std::string, std::uint32_t, std::less<>> component_index_;
  std::size_t open_ = 0;
  std::size_t stale_ = 0;
  StaleFractionAverage run_average_;
  StaleFractionAverage interval_average_;
  LatencyHistogram interval_delays_;
  PropagationStats all_;
  PropagationStats by_direction_[2];
  PropagationStats consumers_;
  PropagationStats consumers_by_direction_[2];
  std::function<void(const PropagationSample&)> sink_;
};

}  // namespace discolab::metrics

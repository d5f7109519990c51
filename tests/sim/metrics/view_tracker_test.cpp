#include "sim/metrics/view_tracker.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/sim/metrics/test_support.h"

using discolab::InstanceId;
using discolab::SimTime;
using discolab::ViewId;
using discolab::metrics::GroundTruth;
using discolab::metrics::PropagationSample;
using discolab::metrics::Resolution;
using discolab::metrics::ViewTracker;
using discolab::metrics::test::at;
using namespace std::chrono_literals;

namespace {

// Drives a GroundTruth and a ViewTracker together, as the collector does.
struct Harness {
  explicit Harness(SimTime warmup = SimTime{0}) : truth(warmup), views(truth, warmup) {
    views.set_sample_sink([this](const PropagationSample& s) { samples.push_back(s); });
  }
  void ready(InstanceId i, double t) {
    if (truth.instance_ready(i, "web", at(t))) {
      views.truth_changed(i, truth.service_of(i), true, at(t));
    }
  }
  void unready(InstanceId i, double t) {
    if (truth.instance_unready(i, at(t))) {
      views.truth_changed(i, truth.service_of(i), false, at(t));
    }
  }
  void change(ViewId v, std::vector<InstanceId> members, double t) {
    views.change(v, members, at(t));
  }
  std::vector<PropagationSample> with(Resolution r) const {
    std::vector<PropagationSample> out;
    for (const auto& s : samples) {
      if (s.resolution == r) out.push_back(s);
    }
    return out;
  }

  GroundTruth truth;
  ViewTracker views;
  std::vector<PropagationSample> samples;
};

// The timeline of docs/metrics.md's worked example: a client view A and a registry view B of
// "web"; instance 2 flaps, A runs ahead on instance 3.
struct Timeline : Harness {
  explicit Timeline(SimTime warmup = SimTime{0}) : Harness(warmup) {
    a = views.open("client/caller-1", "web", at(0));
    b = views.open("registry/main", "web", at(0));
    ready(1, 1);
    change(b, {1}, 2);
    change(a, {1}, 4);
    ready(2, 5);
    unready(2, 6);  // flips back before either view caught up: superseded twice
    unready(1, 7);
    change(b, {}, 7.5);
    change(a, {1, 3}, 8);  // A lists 3 before it is ready
    ready(3, 9);           // A reflects it at once (0 s); B never does
    views.finish(at(10));
  }
  ViewId a = 0;
  ViewId b = 0;
};

}  // namespace

TEST_CASE("propagation delays of a hand-built timeline: reflected, superseded, censored") {
  Timeline t;
  const auto reflected = t.with(Resolution::reflected);
  REQUIRE(reflected.size() == 4);
  // In order of resolution: B got 1 after 1 s, A after 3 s, B dropped 1 after 0.5 s, A had 3.
  CHECK(reflected[0].view == t.b);
  CHECK(reflected[0].instance == 1);
  CHECK(reflected[0].to_ready);
  CHECK(reflected[0].resolved - reflected[0].changed == 1s);
  CHECK(reflected[1].view == t.a);
  CHECK(reflected[1].resolved - reflected[1].changed == 3s);
  CHECK(reflected[2].view == t.b);
  CHECK_FALSE(reflected[2].to_ready);
  CHECK(reflected[2].resolved - reflected[2].changed == 500ms);
  CHECK(reflected[3].view == t.a);
  CHECK(reflected[3].instance == 3);
  CHECK(reflected[3].resolved == reflected[3].changed);

  const auto superseded = t.with(Resolution::superseded);
  REQUIRE(superseded.size() == 2);
  CHECK(superseded[0].instance == 2);
  CHECK(superseded[1].instance == 2);

  const auto censored = t.with(Resolution::censored);
  REQUIRE(censored.size() == 2);
  CHECK(censored[0].view == t.a);  // A still lists 1, gone since 7 s
  CHECK(censored[0].changed == at(7));
  CHECK(censored[1].view == t.b);  // B never learned of 3, ready since 9 s
  CHECK(censored[1].changed == at(9));

  const auto& p = t.views.propagation();
  CHECK(p.delays.count() == 4);
  CHECK(p.superseded == 2);
  CHECK(p.censored == 2);
  CHECK(p.closed == 0);
  CHECK(p.censored_max_age_s == 3.0);
  CHECK(p.delays.max_s() == 3.0);
  CHECK(p.delays.mean_s() == Approx((1 + 3 + 0.5 + 0) / 4.0));
  CHECK(p.delays.quantile_s(0.5) == Approx(0.5).epsilon(0.01));  // 2nd of 0, 0.5, 1, 3

  CHECK(t.views.propagation(true).delays.count() == 3);
  CHECK(t.views.propagation(false).delays.count() == 1);
  CHECK(t.views.propagation(false).delays.max_s() == 0.5);
}

TEST_CASE("propagation is reported per component kind") {
  Timeline t;
  REQUIRE(t.views.kind_count() == 2);
  CHECK(t.views.kind_name(0) == "client");
  CHECK(t.views.kind_name(1) == "registry");
  CHECK(t.views.kind_propagation(0).delays.count() == 2);  // 3 s and 0 s
  CHECK(t.views.kind_propagation(0).delays.max_s() == 3.0);
  CHECK(t.views.kind_propagation(1).delays.count() == 2);  // 1 s and 0.5 s
  CHECK(t.views.kind_propagation(1).delays.max_s() == 1.0);
  CHECK(t.views.kind_propagation(1).censored == 1);
}

TEST_CASE("stale-view fraction of the hand-built timeline, exactly time-averaged") {
  Timeline t;
  // Stale views over time: [1,2) 2/2, [2,4) 1/2, [5,6) 2/2, [7,7.5) 2/2, [7.5,8) 1/2,
  // [8,9) 1/2, [9,10) 2/2: 5.25 view-fraction-seconds over 10 s.
  CHECK(t.views.stale_view_fraction() == Approx(0.525).epsilon(1e-12));
  // A is stale over [1,4), [5,6), [7,10); B over [1,2), [5,6), [7,7.5), [9,10).
  CHECK(t.views.kind_stale_view_fraction(0) == Approx(0.7).epsilon(1e-12));
  CHECK(t.views.kind_stale_view_fraction(1) == Approx(0.35).epsilon(1e-12));
  CHECK(t.views.open_views() == 2);
  CHECK(t.views.stale_views() == 2);
  CHECK(t.views.disagreement(t.a) == 1);  // instance 1
  CHECK(t.views.disagreement(t.b) == 1);  // instance 3
}

TEST_CASE("the warmup excludes earlier changes and time") {
  Timeline t(SimTime{5s});
  // From 5 s: [5,6) 1, [7,7.5) 1, [7.5,8) 1/2, [8,9) 1/2, [9,10) 1 → 3.25 over 5 s.
  CHECK(t.views.stale_view_fraction() == Approx(0.65).epsilon(1e-12));
  const auto& p = t.views.propagation();
  CHECK(p.delays.count() == 2);  // B's 0.5 s, A's 0 s
  CHECK(p.superseded == 2);
  CHECK(p.censored == 2);
  CHECK(p.delays.max_s() == 0.5);
}

TEST_CASE("the interval fraction averages since the previous interval") {
  Timeline t;  // already finished at 10 s: the whole run is one interval
  CHECK(t.views.take_interval_stale_fraction(at(10)) == Approx(0.525).epsilon(1e-12));
  CHECK(std::isnan(t.views.take_interval_stale_fraction(at(10))));  // empty interval
}

TEST_CASE("the average covers only time with open views") {
  Harness h;
  h.ready(1, 0);
  const ViewId v = h.views.open("proxy/host-1", "web", at(2));  // opens empty: stale
  CHECK(h.views.stale_views() == 1);
  h.change(v, {1}, 3);
  h.views.finish(at(4));
  CHECK(h.views.stale_view_fraction() == Approx(0.5).epsilon(1e-12));
  // The view opened after the change: its catching up is not a propagation pair.
  CHECK(h.views.propagation().delays.count() == 0);
}

TEST_CASE("a view closing with pending pairs counts them as closed") {
  Harness h;
  const ViewId v = h.views.open("dns-cache/client-1", "web", at(0));
  const ViewId w = h.views.open("dns-cache/client-2", "web", at(0));
  h.ready(1, 1);
  h.ready(2, 1);
  CHECK(h.views.stale_views() == 2);
  h.views.close(v, at(2));
  CHECK(h.views.open_views() == 1);
  CHECK(h.views.stale_views() == 1);
  CHECK(h.views.propagation().closed == 2);
  h.change(w, {1, 2}, 3);
  CHECK(h.views.stale_views() == 0);
  CHECK(h.views.propagation().delays.count() == 2);
  CHECK(h.views.propagation().delays.max_s() == 2.0);
  // Changes after the close do not visit the closed view.
  h.unready(1, 4);
  h.views.finish(at(5));
  CHECK(h.views.propagation().censored == 1);
  CHECK(h.views.propagation().closed == 2);
  CHECK_THROWS_AS(h.views.change(v, std::vector<InstanceId>{}, at(5)), std::invalid_argument);
}

TEST_CASE("views of other services and non-ready members disagree") {
  Harness h;
  h.truth.instance_ready(10, "api", at(0));
  const ViewId v = h.views.open("client/c", "web", at(0));
  h.change(v, {10}, 1);  // an api instance in a web view
  CHECK(h.views.disagreement(v) == 1);
  h.ready(1, 2);
  CHECK(h.views.disagreement(v) == 2);
  h.change(v, {1}, 3);
  CHECK(h.views.disagreement(v) == 0);
}

TEST_CASE("members must be strictly ascending and views known") {
  Harness h;
  const ViewId v = h.views.open("client/c", "web", at(0));
  CHECK_THROWS_AS(h.views.change(v, std::vector<InstanceId>{2, 1}, at(1)), std::invalid_argument);
  CHECK_THROWS_AS(h.views.change(v, std::vector<InstanceId>{1, 1}, at(1)), std::invalid_argument);
  CHECK_THROWS_AS(h.views.change(v + 1, std::vector<InstanceId>{1}, at(1)), std::invalid_argument);
  CHECK_THROWS_AS(h.views.close(v + 1, at(1)), std::invalid_argument);
}

namespace {

// The definition of docs/metrics.md, kept naively: one pending record per (change, view).
// The tracker stores pairs differently; both must resolve the same pairs in the same order.
struct NaiveTracker {
  struct View {
    discolab::metrics::ServiceIndex service;
    std::set<InstanceId> members;
    std::map<InstanceId, PropagationSample> pending;  // resolution unset
  };

  void resolve(PropagationSample p, SimTime t, Resolution how) {
    p.resolved = t;
    p.resolution = how;
    samples.push_back(p);
  }
  ViewId open(discolab::metrics::ServiceIndex service) {
    if (open_by_service.size() <= service) open_by_service.resize(service + 1);
    open_by_service[service].push_back(static_cast<ViewId>(views.size()));
    views.push_back(View{service, {}, {}});
    return static_cast<ViewId>(views.size() - 1);
  }
  void change(ViewId id, const std::set<InstanceId>& members, SimTime t) {
    View& v = views[id];
    std::vector<InstanceId> flipped;
    std::set_symmetric_difference(v.members.begin(), v.members.end(), members.begin(),
                                  members.end(), std::back_inserter(flipped));
    for (InstanceId i : flipped) {
      if (auto it = v.pending.find(i); it != v.pending.end()) {
        resolve(it->second, t, Resolution::reflected);
        v.pending.erase(it);
      }
    }
    v.members = members;
  }
  void close(ViewId id, SimTime t) {
    View& v = views[id];
    for (const auto& [i, p] : v.pending) resolve(p, t, Resolution::closed);
    v.pending.clear();
    auto& open = open_by_service[v.service];
    *std::find(open.begin(), open.end(), id) = open.back();  // the tracker's swap-remove
    open.pop_back();
  }
  void truth_changed(InstanceId i, discolab::metrics::ServiceIndex s, bool ready, SimTime t) {
    if (s >= open_by_service.size()) return;
    for (ViewId id : open_by_service[s]) {
      View& v = views[id];
      const PropagationSample p{id, i, s, ready, t, t, Resolution::reflected};
      if (auto it = v.pending.find(i); it != v.pending.end()) {
        resolve(it->second, t, Resolution::superseded);
        v.pending.erase(it);
      } else if (v.members.contains(i) == ready) {
        resolve(p, t, Resolution::reflected);
      } else {
        v.pending.emplace(i, p);
      }
    }
  }
  void finish(SimTime end) {
    for (View& v : views) {
      for (const auto& [i, p] : v.pending) resolve(p, end, Resolution::censored);
      v.pending.clear();
    }
  }

  std::vector<View> views;
  std::vector<std::vector<ViewId>> open_by_service;
  std::vector<PropagationSample> samples;
};

bool same(const PropagationSample& a, const PropagationSample& b) {
  return a.view == b.view && a.instance == b.instance && a.service == b.service &&
         a.to_ready == b.to_ready && a.changed == b.changed && a.resolved == b.resolved &&
         a.resolution == b.resolution;
}

}  // namespace

TEST_CASE("random churn and view changes resolve the same pairs as one record per pair") {
  Harness h;
  NaiveTracker naive;
  std::mt19937 rng(11);
  const std::vector<std::string> services{"web", "api"};
  constexpr InstanceId kInstances = 40;
  std::vector<ViewId> open;
  std::vector<std::set<InstanceId>> members;  // by view id
  double t = 0;
  for (int step = 0; step < 20000; ++step) {
    t += 0.001 * static_cast<double>(rng() % 100);
    const unsigned op = rng() % 10;
    if (op == 0 && open.size() < 8) {
      const auto s = static_cast<std::size_t>(rng() % 2);
      const ViewId v = h.views.open("client/c", services[s], at(t));
      REQUIRE(naive.open(h.truth.service_index(services[s])) == v);
      open.push_back(v);
      members.resize(v + 1);
    } else if (op == 1 && !open.empty()) {
      const std::size_t k = rng() % open.size();
      h.views.close(open[k], at(t));
      naive.close(open[k], at(t));
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (op < 6) {
      const auto i = static_cast<InstanceId>(rng() % kInstances);
      const std::string& s = services[i % 2];
      const bool changed = h.truth.is_ready(i) ? h.truth.instance_unready(i, at(t))
                                               : h.truth.instance_ready(i, s, at(t));
      REQUIRE(changed);
      h.views.truth_changed(i, h.truth.service_of(i), h.truth.is_ready(i), at(t));
      naive.truth_changed(i, h.truth.service_of(i), h.truth.is_ready(i), at(t));
    } else if (!open.empty()) {
      const ViewId v = open[rng() % open.size()];
      std::set<InstanceId>& m = members[v];
      if (op == 6) {  // catch up with the truth
        const auto ready = h.truth.ready_set(h.views.service(v));
        m.clear();
        m.insert(ready.begin(), ready.end());
      } else {  // a few moves, some of them against the truth
        for (unsigned n = rng() % 3 + 1; n > 0; --n) {
          const auto i = static_cast<InstanceId>(rng() % kInstances);
          if (!m.erase(i)) m.insert(i);
        }
      }
      const std::vector<InstanceId> list(m.begin(), m.end());
      h.views.change(v, list, at(t));
      naive.change(v, m, at(t));
    }
    REQUIRE(h.samples.size() == naive.samples.size());
  }
  h.views.finish(at(t + 1));
  naive.finish(at(t + 1));
  REQUIRE(h.samples.size() == naive.samples.size());
  for (std::size_t k = 0; k < h.samples.size(); ++k) {
    INFO("sample " << k);
    REQUIRE(same(h.samples[k], naive.samples[k]));
  }
  CHECK(h.views.propagation().superseded > 100);
  CHECK(h.views.propagation().delays.count() > 1000);
}

TEST_CASE("pending pairs take one record per change, not one per change and open view") {
  Harness h;
  constexpr int kViews = 50;
  constexpr InstanceId kChanges = 2000;
  std::vector<ViewId> views;
  for (int k = 0; k < kViews; ++k) views.push_back(h.views.open("client/c", "web", at(0)));
  for (InstanceId i = 0; i < kChanges; ++i) h.ready(i, 1.0 + 0.001 * i);
  // Every (change, view) pair is pending: kChanges × kViews of them.
  CHECK(h.samples.empty());
  CHECK(h.views.pending_records() <= kChanges);
  std::vector<InstanceId> all(kChanges);
  for (InstanceId i = 0; i < kChanges; ++i) all[i] = i;
  for (ViewId v : views) h.change(v, all, 5);
  CHECK(h.samples.size() == std::size_t{kChanges} * kViews);
  CHECK(h.views.pending_records() == 0);
  // A registry-like view growing one instance at a time keeps nothing either.
  const ViewId registry = h.views.open("registry/main", "web", at(6));
  for (InstanceId i = kChanges; i < 2 * kChanges; ++i) {
    h.ready(i, 6.0 + 0.001 * (i - kChanges));
    std::vector<InstanceId> grown(i + 1 - kChanges);
    for (InstanceId k = kChanges; k <= i; ++k) grown[k - kChanges] = k;
    h.change(registry, grown, 6.0 + 0.001 * (i - kChanges) + 0.0005);
  }
  CHECK(h.views.pending_records() <= kChanges + 64);  // the other views have not moved
  CHECK(h.views.propagation().delays.count() == std::size_t{kChanges} * (kViews + 1));
}

#include "sim/metrics/view_tracker.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
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

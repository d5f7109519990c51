#include "sim/metrics/view_tracker.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace discolab::metrics {

void PropagationStats::add(const PropagationSample& sample) {
  switch (sample.resolution) {
    case Resolution::reflected:
      delays.record(sample.resolved - sample.changed);
      break;
    case Resolution::superseded:
      ++superseded;
      break;
    case Resolution::closed:
      ++closed;
      break;
    case Resolution::censored:
      ++censored;
      censored_max_age_s =
          std::max(censored_max_age_s, to_seconds(sample.resolved - sample.changed));
      break;
  }
}

void StaleFractionAverage::advance(SimTime t, std::size_t stale, std::size_t open) {
  const SimTime begin = std::max(last_, from_);
  if (t > begin && open > 0) {
    const double dt = to_seconds(t - begin);
    weighted_s_ += dt * static_cast<double>(stale) / static_cast<double>(open);
    covered_s_ += dt;
  }
  last_ = std::max(last_, t);
}

double StaleFractionAverage::average() const {
  return covered_s_ > 0.0 ? weighted_s_ / covered_s_ : std::numeric_limits<double>::quiet_NaN();
}

ViewTracker::ViewTracker(GroundTruth& truth, SimTime warmup)
    : truth_(truth), warmup_(warmup), run_average_(warmup), interval_average_(SimTime{0}) {}

const ViewTracker::View& ViewTracker::at(ViewId view) const {
  if (view >= views_.size()) throw std::invalid_argument("view tracker: unknown view");
  return views_[view];
}

ViewTracker::View& ViewTracker::open_view(ViewId view) {
  if (view >= views_.size() || !views_[view].open) {
    throw std::invalid_argument("view tracker: view " + std::to_string(view) + " is not open");
  }
  return views_[view];
}

std::uint32_t ViewTracker::kind_of(std::string_view component) {
  const std::string_view kind = component.substr(0, component.find('/'));
  if (auto it = kind_index_.find(kind); it != kind_index_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(kinds_.size());
  kinds_.push_back(Kind{std::string(kind), 0, 0, StaleFractionAverage(warmup_), {}});
  kind_index_.emplace(std::string(kind), index);
  return index;
}

void ViewTracker::integrate_to(SimTime t) {
  if (t < now_) throw std::invalid_argument("view tracker: time went backwards");
  now_ = t;
  run_average_.advance(t, stale_, open_);
  interval_average_.advance(t, stale_, open_);
  for (auto& k : kinds_) k.average.advance(t, k.stale, k.open);
}

double ViewTracker::take_interval_stale_fraction(SimTime end) {
  integrate_to(end);
  const double average = interval_average_.average();
  interval_average_ = StaleFractionAverage(end);
  return average;
}

void ViewTracker::add_disagreement(View& v, bool more) {
  const bool was_stale = v.disagree > 0;
  v.disagree = more ? v.disagree + 1 : v.disagree - 1;
  const bool is_stale = v.disagree > 0;
  if (was_stale == is_stale) return;
  auto& k = kinds_[v.kind];
  if (is_stale) {
    ++stale_;
    ++k.stale;
  } else {
    --stale_;
    --k.stale;
  }
}

void ViewTracker::resolve(ViewId id, const View& v, const Pending& p, SimTime t, Resolution how) {
  if (p.since < warmup_) return;
  const PropagationSample sample{id, p.instance, v.service, p.to_ready, p.since, t, how};
  all_.add(sample);
  by_direction_[p.to_ready].add(sample);
  kinds_[v.kind].propagation.add(sample);
  if (sink_) sink_(sample);
}

ViewId ViewTracker::open(std::string_view component, std::string_view service, SimTime t) {
  integrate_to(t);
  const auto id = static_cast<ViewId>(views_.size());
  View v;
  v.service = truth_.service_index(service);
  v.kind = kind_of(component);
  if (auto it = component_index_.find(component); it != component_index_.end()) {
    v.component = it->second;
  } else {
    v.component = static_cast<std::uint32_t>(components_.size());
    components_.emplace_back(component);
    component_index_.emplace(std::string(component), v.component);
  }
  v.open = true;
  if (open_by_service_.size() <= v.service) open_by_service_.resize(std::size_t{v.service} + 1);
  v.slot = open_by_service_[v.service].size();
  open_by_service_[v.service].push_back(id);
  ++open_;
  ++kinds_[v.kind].open;
  // An empty view disagrees on every ready instance of its service.
  const std::size_t ready = truth_.ready_set(v.service).size();
  if (ready > 0) {
    v.disagree = ready;
    ++stale_;
    ++kinds_[v.kind].stale;
  }
  views_.push_back(std::move(v));
  return id;
}

void ViewTracker::flip_membership(ViewId id, View& v, InstanceId instance, bool now_member,
                                  SimTime t) {
  const bool ready = truth_.is_ready_in(instance, v.service);
  // Before the flip the view agreed on this instance iff membership matched readiness.
  add_disagreement(v, /*more=*/now_member != ready);
  auto it = std::lower_bound(v.pending.begin(), v.pending.end(), instance,
                             [](const Pending& p, InstanceId i) { return p.instance < i; });
  if (it != v.pending.end() && it->instance == instance) {
    // A pending pair exists only while the view disagrees on the instance, so any flip of
    // its membership is the one that reflects the change.
    resolve(id, v, *it, t, Resolution::reflected);
    v.pending.erase(it);
  }
}

void ViewTracker::change(ViewId id, std::span<const InstanceId> members, SimTime t) {
  integrate_to(t);
  View& v = open_view(id);
  for (std::size_t i = 1; i < members.size(); ++i) {
    if (members[i - 1] >= members[i]) {
      throw std::invalid_argument("view tracker: members of view " + std::to_string(id) +
                                  " are not strictly ascending");
    }
  }
  // Merge walk over the old and new sorted lists: visit only the instances that flipped.
  const auto& old = v.members;
  std::size_t a = 0;
  std::size_t b = 0;
  while (a < old.size() || b < members.size()) {
    if (b == members.size() || (a < old.size() && old[a] < members[b])) {
      flip_membership(id, v, old[a++], /*now_member=*/false, t);
    } else if (a == old.size() || members[b] < old[a]) {
      flip_membership(id, v, members[b++], /*now_member=*/true, t);
    } else {
      ++a;
      ++b;
    }
  }
  v.members.assign(members.begin(), members.end());
}

void ViewTracker::close(ViewId id, SimTime t) {
  integrate_to(t);
  View& v = open_view(id);
  for (const auto& p : v.pending) resolve(id, v, p, t, Resolution::closed);
  auto& slots = open_by_service_[v.service];
  const ViewId last = slots.back();
  slots[v.slot] = last;
  views_[last].slot = v.slot;
  slots.pop_back();
  --open_;
  --kinds_[v.kind].open;
  if (v.disagree > 0) {
    --stale_;
    --kinds_[v.kind].stale;
  }
  v.open = false;
  v.disagree = 0;
  std::vector<InstanceId>().swap(v.members);
  std::vector<Pending>().swap(v.pending);
}

void ViewTracker::truth_changed(InstanceId instance, ServiceIndex service, bool ready, SimTime t) {
  integrate_to(t);
  if (service >= open_by_service_.size()) return;
  for (const ViewId id : open_by_service_[service]) {
    View& v = views_[id];
    const bool member = std::binary_search(v.members.begin(), v.members.end(), instance);
    const bool agrees_now = member == ready;
    add_disagreement(v, /*more=*/!agrees_now);
    auto it = std::lower_bound(v.pending.begin(), v.pending.end(), instance,
                               [](const Pending& p, InstanceId i) { return p.instance < i; });
    if (it != v.pending.end() && it->instance == instance) {
      // The truth flipped back before the view caught up: it agrees again without moving.
      resolve(id, v, *it, t, Resolution::superseded);
      v.pending.erase(it);
    } else if (agrees_now) {
      resolve(id, v, Pending{instance, t, ready}, t, Resolution::reflected);
    } else {
      v.pending.insert(it, Pending{instance, t, ready});
    }
  }
}

void ViewTracker::finish(SimTime end) {
  integrate_to(end);
  for (ViewId id = 0; id < views_.size(); ++id) {
    View& v = views_[id];
    for (const auto& p : v.pending) resolve(id, v, p, end, Resolution::censored);
    v.pending.clear();
  }
}

}  // namespace discolab::metrics

#include "sim/metrics/view_tracker.h"

#include <algorithm>
#include <cstring>
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
  kinds_.push_back(Kind{std::string(kind), 0, 0, StaleFractionAverage(warmup_), {}, {}});
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

StaleFractionAverage ViewTracker::take_interval(SimTime end) {
  integrate_to(end);
  const StaleFractionAverage average = interval_average_;
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
  if (how == Resolution::reflected) interval_delays_.record(t - p.since);
  if (p.since < warmup_) return;
  const PropagationSample sample{id, p.instance, v.service, p.to_ready, p.since, t, how};
  all_.add(sample);
  by_direction_[p.to_ready].add(sample);
  Kind& kind = kinds_[v.kind];
  kind.propagation.add(sample);
  kind.by_direction[p.to_ready].add(sample);
  if (kind.name != kRegistryKind) {
    consumers_.add(sample);
    consumers_by_direction_[p.to_ready].add(sample);
  }
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
  // Changes before the view opened make no pairs for it.
  if (logs_.size() <= v.service) logs_.resize(std::size_t{v.service} + 1);
  v.cursor = logs_[v.service].end();
  if (v.cursor == logs_[v.service].base) ++logs_[v.service].at_base;
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

namespace {

constexpr std::uint64_t kNoChange = std::numeric_limits<std::uint64_t>::max();

// How many leading elements a and b share (memcmp over blocks, then one by one).
std::size_t common_prefix(const InstanceId* a, const InstanceId* b, std::size_t n) {
  constexpr std::size_t kBlock = 256;
  std::size_t i = 0;
  while (i + kBlock <= n && std::memcmp(a + i, b + i, kBlock * sizeof(InstanceId)) == 0) {
    i += kBlock;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

// How many trailing elements a[0, n) and b[0, m) share, at most `limit`.
std::size_t common_suffix(const InstanceId* a, std::size_t n, const InstanceId* b, std::size_t m,
                          std::size_t limit) {
  constexpr std::size_t kBlock = 256;
  std::size_t k = 0;
  while (k + kBlock <= limit &&
         std::memcmp(a + n - k - kBlock, b + m - k - kBlock, kBlock * sizeof(InstanceId)) == 0) {
    k += kBlock;
  }
  while (k < limit && a[n - k - 1] == b[m - k - 1]) ++k;
  return k;
}

}  // namespace

bool ViewTracker::disagrees(const View& v, InstanceId instance) const {
  const bool member = std::binary_search(v.members.begin(), v.members.end(), instance);
  return member != truth_.is_ready_in(instance, v.service);
}

const ViewTracker::Pending* ViewTracker::logged_change(const View& v, InstanceId instance) const {
  if (instance >= latest_change_.size()) return nullptr;
  const std::uint64_t seq = latest_change_[instance];
  if (seq == kNoChange || seq < v.cursor || truth_.service_of(instance) != v.service) {
    return nullptr;
  }
  const ChangeLog& log = logs_[v.service];
  return &log.changes[seq - log.base];
}

void ViewTracker::flip_membership(ViewId id, View& v, InstanceId instance, bool now_member,
                                  SimTime t) {
  const bool ready = truth_.is_ready_in(instance, v.service);
  // Before the flip the view agreed on this instance iff membership matched readiness.
  const bool agreed = now_member != ready;
  add_disagreement(v, /*more=*/agreed);
  // A pending pair exists only while the view disagrees on the instance, so any flip of its
  // membership is the one that reflects the change.
  if (const Pending* p = logged_change(v, instance)) {
    if (!agreed && !v.moved.contains(instance)) {
      resolve(id, v, *p, t, Resolution::reflected);
    } else if (agreed) {
      v.moved.insert(instance);  // it now disagrees, but by its own move: no pair
    } else {
      v.moved.erase(instance);
    }
  } else if (auto it = v.held.find(instance); it != v.held.end()) {
    resolve(id, v, it->second, t, Resolution::reflected);
    v.held.erase(it);
  }
}

void ViewTracker::advance_cursor(View& v) {
  ChangeLog& log = logs_[v.service];
  if (v.cursor == log.end()) return;  // nothing logged since: nothing held, nothing moved
  for (std::uint64_t seq = std::max(v.cursor, log.base); seq < log.end(); ++seq) {
    const Pending& p = log.changes[seq - log.base];
    if (latest_change_[p.instance] != seq || v.moved.contains(p.instance)) continue;
    if (disagrees(v, p.instance)) v.held.emplace(p.instance, p);
  }
  v.moved.clear();
  if (v.cursor == log.base) --log.at_base;
  v.cursor = log.end();
  if (log.at_base == 0) trim_log(v.service);
}

void ViewTracker::trim_log(ServiceIndex service) {
  ChangeLog& log = logs_[service];
  if (log.changes.size() < log.trim_at) return;
  std::uint64_t keep_from = log.end();
  if (service < open_by_service_.size()) {
    for (const ViewId id : open_by_service_[service]) {
      keep_from = std::min(keep_from, views_[id].cursor);
    }
  }
  while (log.base < keep_from) {
    log.changes.pop_front();
    ++log.base;
  }
  log.at_base = 0;
  if (service < open_by_service_.size()) {
    for (const ViewId id : open_by_service_[service]) log.at_base += views_[id].cursor == log.base;
  }
  log.trim_at = std::max<std::size_t>(64, 2 * log.changes.size());
}

std::vector<ViewTracker::Pending> ViewTracker::pending_of(const View& v) const {
  std::vector<Pending> out;
  out.reserve(v.held.size());
  for (const auto& [instance, p] : v.held) out.push_back(p);
  if (v.service < logs_.size()) {
    const ChangeLog& log = logs_[v.service];
    for (std::uint64_t seq = std::max(v.cursor, log.base); seq < log.end(); ++seq) {
      const Pending& p = log.changes[seq - log.base];
      if (latest_change_[p.instance] != seq || v.moved.contains(p.instance)) continue;
      if (disagrees(v, p.instance)) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Pending& a, const Pending& b) { return a.instance < b.instance; });
  return out;
}

std::size_t ViewTracker::pending_records() const {
  std::size_t n = 0;
  for (const ChangeLog& log : logs_) n += log.changes.size();
  for (const View& v : views_) n += v.held.size() + v.moved.size();
  return n;
}

const ViewDiff& ViewTracker::change(ViewId id, std::span<const InstanceId> members, SimTime t) {
  integrate_to(t);
  View& v = open_view(id);
  const auto& old = v.members;
  // Only the window between the common prefix and suffix differs; outside it the new list
  // is the old one, which is strictly ascending already.
  const std::size_t lo =
      common_prefix(old.data(), members.data(), std::min(old.size(), members.size()));
  const std::size_t tail = common_suffix(old.data(), old.size(), members.data(), members.size(),
                                         std::min(old.size(), members.size()) - lo);
  const std::size_t old_hi = old.size() - tail;
  const std::size_t new_hi = members.size() - tail;
  for (std::size_t i = std::max<std::size_t>(lo, 1); i <= new_hi && i < members.size(); ++i) {
    if (members[i - 1] >= members[i]) {
      throw std::invalid_argument("view tracker: members of view " + std::to_string(id) +
                                  " are not strictly ascending");
    }
  }
  // Merge walk over the windows of the old and new sorted lists: visit only what flipped.
  diff_.added.clear();
  diff_.removed.clear();
  std::size_t a = lo;
  std::size_t b = lo;
  while (a < old_hi || b < new_hi) {
    if (b == new_hi || (a < old_hi && old[a] < members[b])) {
      diff_.removed.push_back(old[a]);
      flip_membership(id, v, old[a++], /*now_member=*/false, t);
    } else if (a == old_hi || members[b] < old[a]) {
      diff_.added.push_back(members[b]);
      flip_membership(id, v, members[b++], /*now_member=*/true, t);
    } else {
      ++a;
      ++b;
    }
  }
  // Splice the window in (an append when the view grew at its end).
  const auto first = v.members.begin() + static_cast<std::ptrdiff_t>(lo);
  v.members.erase(first, v.members.begin() + static_cast<std::ptrdiff_t>(old_hi));
  v.members.insert(v.members.begin() + static_cast<std::ptrdiff_t>(lo),
                   members.begin() + static_cast<std::ptrdiff_t>(lo),
                   members.begin() + static_cast<std::ptrdiff_t>(new_hi));
  advance_cursor(v);
  return diff_;
}

void ViewTracker::close(ViewId id, SimTime t) {
  integrate_to(t);
  View& v = open_view(id);
  for (const auto& p : pending_of(v)) resolve(id, v, p, t, Resolution::closed);
  auto& slots = open_by_service_[v.service];
  const ViewId last = slots.back();
  slots[v.slot] = last;
  views_[last].slot = v.slot;
  slots.pop_back();
  ChangeLog& log = logs_[v.service];
  if (v.cursor == log.base && --log.at_base == 0) trim_log(v.service);
  --open_;
  --kinds_[v.kind].open;
  if (v.disagree > 0) {
    --stale_;
    --kinds_[v.kind].stale;
  }
  v.open = false;
  v.disagree = 0;
  std::vector<InstanceId>().swap(v.members);
  std::unordered_map<InstanceId, Pending>().swap(v.held);
  std::unordered_set<InstanceId>().swap(v.moved);
}

void ViewTracker::truth_changed(InstanceId instance, ServiceIndex service, bool ready, SimTime t) {
  integrate_to(t);
  if (service >= logs_.size()) logs_.resize(std::size_t{service} + 1);
  if (instance >= latest_change_.size())
    latest_change_.resize(std::size_t{instance} + 1, kNoChange);
  if (service < open_by_service_.size()) {
    for (const ViewId id : open_by_service_[service]) {
      View& v = views_[id];
      const bool member = std::binary_search(v.members.begin(), v.members.end(), instance);
      const bool agrees_now = member == ready;
      add_disagreement(v, /*more=*/!agrees_now);
      // Was the previous change of the instance pending for this view? Only while the view
      // disagreed on it, i.e. iff it agrees now.
      const Pending* previous = nullptr;
      auto held = v.held.find(instance);
      if (const Pending* p = logged_change(v, instance)) {
        if (agrees_now && !v.moved.contains(instance)) previous = p;
        v.moved.erase(instance);
      } else if (held != v.held.end()) {
        previous = &held->second;
      }
      if (previous) {
        // The truth flipped back before the view caught up: it agrees again without moving.
        resolve(id, v, *previous, t, Resolution::superseded);
        if (held != v.held.end()) v.held.erase(held);
      } else if (agrees_now) {
        resolve(id, v, Pending{instance, t, ready}, t, Resolution::reflected);
      }
      // Otherwise the view disagrees now: the change logged below is pending for it.
    }
  }
  ChangeLog& log = logs_[service];
  latest_change_[instance] = log.end();
  log.changes.push_back(Pending{instance, t, ready});
  if (log.at_base == 0) trim_log(service);
}

void ViewTracker::finish(SimTime end) {
  integrate_to(end);
  for (ViewId id = 0; id < views_.size(); ++id) {
    View& v = views_[id];
    if (!v.open) continue;
    for (const auto& p : pending_of(v)) resolve(id, v, p, end, Resolution::censored);
    v.held.clear();
    v.moved.clear();
  }
}

}  // namespace discolab::metrics

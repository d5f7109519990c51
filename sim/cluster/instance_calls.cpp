#include "sim/cluster/instance_calls.h"

namespace discolab {

InstanceCalls::InstanceCalls(CallMode mode, CallFailure on_failure, RandomStream draws,
                             std::uint64_t id_base)
    : mode_(mode), on_failure_(on_failure), draws_(draws), next_id_(id_base) {}

const std::vector<Caller*> InstanceCalls::callers() const {
  std::vector<Caller*> out;
  for (const Call& c : calls_) out.push_back(c.caller);
  return out;
}

void InstanceCalls::begin(const Request& parent, Done done) {
  const std::uint64_t key = next_key_++;
  Parent& p = parents_[key];
  p.request = parent;
  p.done = std::move(done);
  for (std::uint32_t k = 0; k < calls_.size(); ++k)
    if (calls_[k].probability >= 1.0 || draws_.bernoulli(calls_[k].probability))
      p.drawn.push_back(k);
  if (mode_ == CallMode::sequential) {
    issue_next(key);
  } else {
    p.issuing = true;
    for (const std::uint32_t k : std::vector<std::uint32_t>(p.drawn)) issue(key, k);
    if (auto it = parents_.find(key); it != parents_.end()) it->second.issuing = false;
  }
  maybe_finish(key);
}

void InstanceCalls::issue(std::uint64_t key, std::uint32_t call) {
  Parent& p = parents_.at(key);
  Request r;
  r.id = next_id_++;
  r.hash_key = p.request.hash_key;
  parent_of_[r.id] = key;
  ++p.outstanding;
  calls_[call].caller->issue(r);  // may answer at once (no endpoint): request_finished runs
}

void InstanceCalls::issue_next(std::uint64_t key) {
  auto it = parents_.find(key);
  if (it == parents_.end()) return;
  Parent& p = it->second;
  if (p.next < p.drawn.size()) issue(key, p.drawn[p.next++]);
}

void InstanceCalls::request_finished(const Request& request, const RequestOutcome& outcome) {
  const auto found = parent_of_.find(request.id);
  if (found == parent_of_.end()) return;  // its parent was abandoned
  const std::uint64_t key = found->second;
  parent_of_.erase(found);
  auto it = parents_.find(key);
  if (it == parents_.end()) return;
  Parent& p = it->second;
  --p.outstanding;
  if (!outcome.ok) p.failed = true;
  if (mode_ == CallMode::sequential && !(p.failed && on_failure_ == CallFailure::fail)) {
    issue_next(key);
  }
  maybe_finish(key);
}

void InstanceCalls::maybe_finish(std::uint64_t key) {
  auto it = parents_.find(key);
  if (it == parents_.end()) return;
  Parent& p = it->second;
  if (p.issuing || p.outstanding > 0) return;
  const bool more = mode_ == CallMode::sequential && p.next < p.drawn.size() &&
                    !(p.failed && on_failure_ == CallFailure::fail);
  if (more) return;
  const Result result = !p.failed                          ? Result::ok
                        : on_failure_ == CallFailure::fail ? Result::failed
                                                           : Result::degraded;
  Done done = std::move(p.done);
  parents_.erase(it);
  done(result);
}

void InstanceCalls::abandon() {
  parents_.clear();
  parent_of_.clear();
}

}  // namespace discolab

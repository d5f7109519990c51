#include "patterns/server/server_core.h"

#include <algorithm>
#include <stdexcept>

namespace discolab {

ServerCore::ServerCore(Runtime& rt, ServerCoreConfig config, RandomStream times,
                       DoneCallback on_done)
    : rt_(rt), config_(config), times_(times), on_done_(std::move(on_done)) {
  if (config_.workers < 1) throw std::invalid_argument("server: workers must be at least 1");
  if (config_.queue_limit < 0) throw std::invalid_argument("server: queue_limit must be ≥ 0");
  in_service_.reserve(static_cast<std::size_t>(config_.workers));
}

ServerCore::~ServerCore() {
  for (const InService& s : in_service_) rt_.cancel(s.timer);
}

ServerCore::Admit ServerCore::submit(const ServerJob& job) {
  if (static_cast<int>(in_service_.size()) < config_.workers) {
    begin(job);
    return Admit::started;
  }
  if (queue_.size() < static_cast<std::size_t>(config_.queue_limit)) {
    queue_.push_back(job);
    return Admit::queued;
  }
  ++rejected_;
  return Admit::rejected;
}

void ServerCore::begin(const ServerJob& job) {
  const std::uint64_t seq = next_seq_++;
  const Duration t = draw_service_time(config_.service_time, times_);
  in_service_.push_back({job, rt_.schedule(t, [this, seq] { finish(seq); }), seq});
}

void ServerCore::finish(std::uint64_t seq) {
  auto it = std::find_if(in_service_.begin(), in_service_.end(),
                         [seq](const InService& s) { return s.seq == seq; });
  if (it == in_service_.end()) return;
  it->timer = kNoTimer;
  const ServerJob job = it->job;
  ++served_;
  finishing_ = seq;
  hold_ = false;
  on_done_(job);  // may hold() the worker, and even release() it again at once
  finishing_ = kNotFinishing;
  if (hold_) {
    hold_ = false;
    return;
  }
  free_worker(seq);
}

std::uint64_t ServerCore::hold() {
  if (finishing_ == kNotFinishing)
    throw std::logic_error("server: hold() outside the done callback");
  hold_ = true;
  return finishing_;
}

void ServerCore::release(std::uint64_t ticket) {
  if (ticket == finishing_) {
    hold_ = false;
    return;
  }
  free_worker(ticket);
}

void ServerCore::free_worker(std::uint64_t seq) {
  auto it = std::find_if(in_service_.begin(), in_service_.end(),
                         [seq](const InService& s) { return s.seq == seq; });
  if (it == in_service_.end()) return;  // aborted meanwhile
  *it = in_service_.back();
  in_service_.pop_back();
  if (!queue_.empty() && static_cast<int>(in_service_.size()) < config_.workers) {
    const ServerJob next = queue_.front();
    queue_.pop_front();
    begin(next);
  }
}

std::vector<ServerJob> ServerCore::abort() {
  std::sort(in_service_.begin(), in_service_.end(),
            [](const InService& a, const InService& b) { return a.seq < b.seq; });
  std::vector<ServerJob> dropped;
  dropped.reserve(in_service_.size() + queue_.size());
  for (const InService& s : in_service_) {
    rt_.cancel(s.timer);
    dropped.push_back(s.job);
  }
  dropped.insert(dropped.end(), queue_.begin(), queue_.end());
  in_service_.clear();
  queue_.clear();
  return dropped;
}

}  // namespace discolab

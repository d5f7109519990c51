#include "patterns/caller/retrying_caller.h"

#include <algorithm>
#include <stdexcept>

#include "patterns/core/data_plane.h"

namespace discolab {

RetryingCaller::RetryingCaller(Runtime& rt, CallerInfo info, TargetChooser& chooser,
                               RequestOwner* owner)
    : rt_(rt),
      info_(std::move(info)),
      chooser_(chooser),
      owner_(owner),
      // An intermediary's leg reports its tries under its requests' origins and its outcomes
      // to its owner: it is no client group of its own.
      tag_(owner == nullptr ? rt_.observer().caller_opened(info_.group, info_.target_service)
                            : CallerTag{0}) {
  endpoint_ = rt_.open(info_.host, "caller", [this](const Message& m) { on_message(m); });
  chooser_.on_ready([this] { resume_parked(); });
}

RetryingCaller::~RetryingCaller() {
  for (const Slot& s : slots_) {
    if (s.try_id != 0) rt_.cancel(s.timeout);
  }
  rt_.close(endpoint_);
}

void RetryingCaller::issue(const Request& request) {
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    if (slots_.size() >= (1u << kSlotBits))
      throw std::runtime_error("caller: too many requests in flight");
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.request = request;
  if (s.request.origin == 0) s.request.origin = tag_;
  s.started = rt_.now();
  s.tries = 0;
  s.tried.clear();
  ++live_;
  start_try(slot);
}

void RetryingCaller::start_try(std::uint32_t slot) {
  Slot& s = slots_[slot];
  auto choice = chooser_.choose(s.request, s.tried);
  if (std::holds_alternative<WaitForTarget>(choice)) {
    // A new generation while parked: a late answer to the previous try finds no live try.
    ++s.generation;
    s.try_id = (static_cast<std::uint64_t>(s.generation) << kSlotBits) | slot;
    parked_.push_back(slot);
    return;
  }
  if (const auto* cause = std::get_if<FailureCause>(&choice)) {
    // Nothing to try. A request that has tried before ends on that try's failure cause.
    finish(slot, false, s.tries == 0 ? *cause : FailureCause::retries_exhausted, *cause);
    return;
  }
  s.target = std::get<CallTarget>(choice);
  ++s.tries;
  ++s.generation;
  s.try_id = (static_cast<std::uint64_t>(s.generation) << kSlotBits) | slot;
  s.try_started = rt_.now();
  if (s.target.instance != kNoInstance) {
    s.tried.push_back(s.target.instance);
    rt_.observer().try_sent(s.target.instance, s.request.origin);
  }
  chooser_.try_started(s.target);
  rt_.send(Message{endpoint_, s.target.address, kRequestBytes, Plane::data,
                   DeliveryStatus::delivered, RequestMsg{s.try_id, s.request}});
  const std::uint64_t try_id = s.try_id;
  s.timeout = rt_.schedule(info_.try_timeout, [this, slot, try_id] {
    Slot& t = slots_[slot];
    if (t.try_id != try_id) return;
    t.timeout = kNoTimer;
    try_failed(slot,
               t.target.instance == kNoInstance ? FailureCause::lb_down : FailureCause::timeout);
  });
}

void RetryingCaller::resume_parked() {
  // Tries parked again while resuming wait for the next call.
  std::deque<std::uint32_t> parked;
  parked.swap(parked_);
  for (const std::uint32_t slot : parked) start_try(slot);
}

RetryingCaller::Slot* RetryingCaller::live_slot(std::uint64_t try_id) {
  const auto slot = static_cast<std::uint32_t>(try_id & ((1u << kSlotBits) - 1));
  if (slot >= slots_.size() || slots_[slot].try_id != try_id) return nullptr;
  return &slots_[slot];
}

void RetryingCaller::on_message(const Message& msg) {
  std::uint64_t try_id = 0;
  FailureCause cause = FailureCause::timeout;
  bool ok = false;
  bool connection_refused = false;
  if (msg.status == DeliveryStatus::refused) {
    connection_refused = true;
    const auto* req = std::any_cast<RequestMsg>(&msg.body);
    if (req == nullptr) return;
    try_id = req->try_id;
    cause = FailureCause::refused;  // an intermediary's refusal becomes lb_down below
  } else if (const auto* resp = std::any_cast<ResponseMsg>(&msg.body)) {
    try_id = resp->try_id;
    ok = true;
  } else if (const auto* rej = std::any_cast<RejectMsg>(&msg.body)) {
    try_id = rej->try_id;
    cause = rej->cause;
  } else if (const auto* reset = std::any_cast<ResetMsg>(&msg.body)) {
    try_id = reset->try_id;
    cause = FailureCause::reset;
  } else {
    return;
  }
  Slot* s = live_slot(try_id);
  if (s == nullptr) return;  // an answer to a try we gave up on
  const auto slot = static_cast<std::uint32_t>(s - slots_.data());
  rt_.cancel(s->timeout);
  s->timeout = kNoTimer;
  // The intermediary itself refused the connection; a RejectMsg's `refused` is the cause its
  // own leg met at a backend and stays as it is.
  if (connection_refused && s->target.instance == kNoInstance) cause = FailureCause::lb_down;
  if (ok) {
    chooser_.try_finished(s->target, rt_.now() - s->try_started, true);
    finish(slot, true, FailureCause::timeout, FailureCause::timeout);
  } else {
    try_failed(slot, cause);
  }
}

void RetryingCaller::try_failed(std::uint32_t slot, FailureCause cause) {
  Slot& s = slots_[slot];
  chooser_.try_finished(s.target, rt_.now() - s.try_started, false);
  if (s.tries <= info_.max_retries) {
    start_try(slot);
    return;
  }
  finish(slot, false, info_.max_retries > 0 ? FailureCause::retries_exhausted : cause, cause);
}

void RetryingCaller::finish(std::uint32_t slot, bool ok, FailureCause cause,
                            FailureCause last_cause) {
  Slot& s = slots_[slot];
  RequestOutcome out;
  out.request_id = s.request.id;
  out.started = s.started;
  out.finished = rt_.now();
  out.ok = ok;
  out.cause = cause;
  out.last_cause = last_cause;
  out.tries = s.tries;
  out.caller = tag_;
  s.try_id = 0;
  free_.push_back(slot);
  --live_;
  if (owner_ != nullptr) {
    const Request request = s.request;
    owner_->request_finished(request, out);
  } else {
    rt_.observer().request_done(out);
    if (info_.listener != nullptr) {
      const Request request = s.request;
      info_.listener->request_finished(request, out);
    }
  }
}

}  // namespace discolab

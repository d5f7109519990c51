// The caller's side of the data plane, shared by every pattern: one request, several tries.
//
// Each try goes to the target a TargetChooser names (an instance picked by a client-side
// balancer, an LB's or proxy's endpoint …), with a per-try timeout. A try fails when it is
// refused (closed endpoint), rejected (RejectMsg), reset (ResetMsg: the instance crashed with
// the try in its queue or in service), or unanswered within the timeout; the
// request then retries — at most `max_retries` more tries — preferring targets not yet tried.
// Answers to abandoned tries are ignored. Every try's target instance is reported to the
// observer (stale routes), and every request's outcome exactly once, both with the caller's
// tag (Observer::caller_opened with CallerInfo::group and target_service, at construction).
//
// Failure cause: the last try's cause, or retries_exhausted when retries were allowed and
// all were used (the last try's cause is then in last_cause). A try to an intermediary (a
// CallTarget without instance: an LB, proxy or gateway) that is refused or unanswered fails
// with lb_down; a RejectMsg's cause is the try's cause (overloaded from a full queue, or the
// cause an intermediary's own upstream leg failed with).
//
// Requests carry a Request (patterns/core/request.h); one issued with origin 0 gets this
// caller's tag as its origin, and every try is reported under the request's origin. With a
// RequestOwner (an intermediary's upstream leg: the LB forwarding a client's request), the
// outcome goes to the owner instead of Observer::request_done: the leg's requests are not
// user requests, while its tries still count for the user-facing caller (stale routes); such
// a leg opens no caller tag (it is no client group of its own).
// Without an owner, CallerInfo::listener (when set) hears each outcome after the observer:
// an instance waiting for its downstream call.
//
// Waiting (gRPC's Queue pick result): a chooser may answer WaitForTarget when it cannot say
// yet (its first discovery answer or a lookup is in flight). The try is parked — no timeout
// runs, it is not counted as a try — and the chooser's ready callback (registered through
// TargetChooser::on_ready at construction) re-runs choose for the parked tries, in the order
// they were parked. The wait counts in the request's latency.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "patterns/core/observer.h"
#include "patterns/core/pattern.h"
#include "patterns/core/request.h"
#include "patterns/core/runtime.h"

namespace discolab {

struct CallTarget {
  EndpointId address = kNoEndpoint;
  InstanceId instance = kNoInstance;  // kNoInstance when the target is an intermediary (LB)
};

// "Ask again when the chooser says it is ready": the try waits.
struct WaitForTarget {};

using TargetChoice = std::variant<CallTarget, FailureCause, WaitForTarget>;

class TargetChooser {
 public:
  virtual ~TargetChooser() = default;
  // A target for the next try, avoiding `tried` instances where possible; or why there is none;
  // or WaitForTarget (then `ready`, given to on_ready, is called when choose may succeed).
  virtual TargetChoice choose(const Request& request, std::span<const InstanceId> tried) = 0;
  // Registers the callback a chooser that ever waits calls when choose may be re-run; called
  // once by the caller that uses this chooser. Choosers that never wait ignore it.
  virtual void on_ready(std::function<void()> ready) { (void)ready; }
  // Feedback for balancers that learn from outcomes (latency of the try, success).
  virtual void try_started(const CallTarget& target) { (void)target; }
  virtual void try_finished(const CallTarget& target, Duration latency, bool ok) {
    (void)target, (void)latency, (void)ok;
  }
};

// Who hears the outcome of a RetryingCaller's requests instead of the observer.
using RequestOwner = RequestListener;

class RetryingCaller final : public Caller {
 public:
  RetryingCaller(Runtime& rt, CallerInfo info, TargetChooser& chooser,
                 RequestOwner* owner = nullptr);
  ~RetryingCaller() override;
  RetryingCaller(const RetryingCaller&) = delete;
  RetryingCaller& operator=(const RetryingCaller&) = delete;

  void issue(const Request& request) override;

  const CallerInfo& info() const { return info_; }
  EndpointId endpoint() const { return endpoint_; }
  CallerTag tag() const { return tag_; }
  std::size_t in_flight() const { return live_; }
  // Requests whose try waits for the chooser (WaitForTarget).
  std::size_t waiting() const { return parked_.size(); }

 private:
  // A request in flight. try_id = (generation << kSlotBits) | slot, so an answer finds its
  // request in O(1) and a stale answer (older generation) is recognised and ignored.
  struct Slot {
    Request request;
    std::uint64_t try_id = 0;  // the live try; 0 when the slot is free
    SimTime started{};
    SimTime try_started{};
    CallTarget target;
    TimerId timeout = kNoTimer;
    std::uint32_t tries = 0;
    std::uint32_t generation = 0;
    std::vector<InstanceId> tried;
  };
  static constexpr int kSlotBits = 24;

  void start_try(std::uint32_t slot);
  void resume_parked();
  void on_message(const Message& msg);
  Slot* live_slot(std::uint64_t try_id);
  void try_failed(std::uint32_t slot, FailureCause cause);
  void finish(std::uint32_t slot, bool ok, FailureCause cause, FailureCause last_cause);

  Runtime& rt_;
  CallerInfo info_;
  TargetChooser& chooser_;
  RequestOwner* owner_;
  CallerTag tag_;
  EndpointId endpoint_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::deque<std::uint32_t> parked_;  // slots waiting for the chooser, in order
  std::size_t live_ = 0;
};

}  // namespace discolab

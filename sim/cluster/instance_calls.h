// The calls an instance makes while serving a request: the service call graph
// (docs/cluster.md, "Service call graph").
//
// A service's `calls` list the services it calls. Each instance makes them through callers the
// pattern under test gives it (so each hop discovers its target the pattern's way), one per
// called service, created when its process starts and removed when it is gone. For every
// request, each call is made with its probability (drawn in list order from the instance's
// stream "calls"); in `sequential` mode one after the other, in `parallel` mode all at once.
// The request's answer waits for its calls: with on_call_failure `fail` a failed call fails
// the request (sequential calls stop at the first failure), with `degrade` the request is
// answered without it and counted as degraded.
//
// A call carries its parent's hash key, so a user's requests keep their affinity down the
// graph. Call ids are `id_base` + a counter, apart from every client's ids.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <vector>

#include "patterns/core/pattern.h"
#include "patterns/core/random.h"
#include "sim/scenario/scenario.h"

namespace discolab {

class InstanceCalls final : public RequestListener {
 public:
  enum class Result : std::uint8_t { ok, degraded, failed };
  using Done = std::function<void(Result)>;

  InstanceCalls(CallMode mode, CallFailure on_failure, RandomStream draws, std::uint64_t id_base);
  InstanceCalls(const InstanceCalls&) = delete;
  InstanceCalls& operator=(const InstanceCalls&) = delete;

  // The calls, in the service's order; `caller` is the pattern's caller of the called service.
  void add(Caller& caller, double probability) { calls_.push_back({&caller, probability}); }
  bool empty() const { return calls_.empty(); }
  const std::vector<Caller*> callers() const;

  // Makes the calls of one request; `done` runs exactly once when they are over (before
  // begin() returns when no call is drawn or every call fails at once).
  void begin(const Request& parent, Done done);
  // The process died: every request waiting for its calls is dropped, `done` never runs.
  void abandon();
  std::size_t waiting() const { return parents_.size(); }

  void request_finished(const Request& request, const RequestOutcome& outcome) override;

 private:
  struct Call {
    Caller* caller = nullptr;
    double probability = 1.0;
  };
  struct Parent {
    Request request;
    std::vector<std::uint32_t> drawn;  // indexes into calls_, in order
    std::size_t next = 0;              // sequential: the next one to make
    std::size_t outstanding = 0;
    bool issuing = false;  // parallel: still issuing (answers before the last issue wait)
    bool failed = false;
    Done done;
  };
  void issue(std::uint64_t key, std::uint32_t call);
  void issue_next(std::uint64_t key);
  void maybe_finish(std::uint64_t key);

  CallMode mode_;
  CallFailure on_failure_;
  RandomStream draws_;
  std::uint64_t next_id_;
  std::uint64_t next_key_ = 0;
  std::vector<Call> calls_;
  std::map<std::uint64_t, Parent> parents_;
  std::unordered_map<std::uint64_t, std::uint64_t> parent_of_;  // call id → parent key
};

}  // namespace discolab

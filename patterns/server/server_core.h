// The core of any server in the model: `workers` serve jobs in parallel, at most
// `queue_limit` more wait in a FIFO queue, and each job occupies a worker for a time drawn
// from the service-time distribution.
//
// Instances use it (sim/cluster/instance_server.h wraps it with the request protocol), and so
// does every intermediary that does work per request — a load balancer, a proxy, a gateway, a
// DNS server — so an intermediary saturates like an instance does.
//
// Contract:
// - submit() starts the job at once when a worker is free, queues it when the queue has room,
//   and otherwise rejects it (returns Admit::rejected; nothing is kept).
// - `on_done(job)` runs when the job's service time has elapsed; then the next queued job
//   starts (its service time is drawn then, so draws happen in start order). Inside on_done
//   the owner may hold() the job's worker — a thread-per-request server whose worker waits for
//   the calls it makes to other services — until release(ticket); the next job starts then.
// - abort() (the process crashed) forgets every job in service and in the queue and returns
//   them, in service first in start order, then the queue in FIFO order, so the owner can
//   reset their connections; completions already scheduled for them never run.
// - Service times are drawn from `times`, one draw per job started (none for constant).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "patterns/core/ids.h"
#include "patterns/core/request.h"
#include "patterns/core/runtime.h"
#include "patterns/server/service_time.h"

namespace discolab {

struct ServerCoreConfig {
  int workers = 1;         // ≥ 1
  int queue_limit = 1000;  // waiting jobs beyond the workers; ≥ 0
  ServiceTimeSpec service_time;
};

// A job: who asked (to answer or reset) and the asker's id for it.
struct ServerJob {
  EndpointId from = kNoEndpoint;
  std::uint64_t id = 0;
  Request request{};  // what the asker asked for (the data plane's request), when it matters
};

class ServerCore {
 public:
  enum class Admit : std::uint8_t { started, queued, rejected };
  using DoneCallback = std::function<void(const ServerJob&)>;

  ServerCore(Runtime& rt, ServerCoreConfig config, RandomStream times, DoneCallback on_done);
  ~ServerCore();
  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;

  Admit submit(const ServerJob& job);
  std::vector<ServerJob> abort();
  // Only inside on_done: keeps the job's worker busy; returns the ticket release() takes.
  std::uint64_t hold();
  // Frees a held worker (a no-op when abort() has dropped the job meanwhile).
  void release(std::uint64_t ticket);

  const ServerCoreConfig& config() const { return config_; }
  int busy() const { return static_cast<int>(in_service_.size()); }
  std::size_t queued() const { return queue_.size(); }
  std::uint64_t served() const { return served_; }
  std::uint64_t rejected() const { return rejected_; }

 private:
  struct InService {
    ServerJob job;
    TimerId timer = kNoTimer;
    std::uint64_t seq = 0;  // start order
  };
  void begin(const ServerJob& job);
  void finish(std::uint64_t seq);
  void free_worker(std::uint64_t seq);
  static constexpr std::uint64_t kNotFinishing = ~std::uint64_t{0};

  Runtime& rt_;
  ServerCoreConfig config_;
  RandomStream times_;
  DoneCallback on_done_;
  std::vector<InService> in_service_;  // at most `workers`; unordered
  std::deque<ServerJob> queue_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t finishing_ = kNotFinishing;  // the job whose on_done runs
  bool hold_ = false;
  std::uint64_t served_ = 0;
  std::uint64_t rejected_ = 0;
};

}  // namespace discolab

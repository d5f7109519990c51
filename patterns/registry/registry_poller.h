// Periodic polling of the registry: Eureka's client fetch (full or delta), Ribbon's server
// list refresh, Marathon-LB's poll mode.
//
// After start(), a Fetch is sent at initial_delay (a client library fetches when it starts),
// then periodically: every `interval`, each interval jittered uniformly in
// [interval × (1 − jitter), interval × (1 + jitter)] (stream "<name>"/"poll-jitter"). With
// `random_phase` (the default) the first periodic fetch comes at initial_delay + U(0, interval)
// (stream "<name>"/"poll-phase"), so independent pollers started together do not tick in
// lockstep; without it the periodic fetches start at initial_delay itself (one fetch there).
// In delta mode each fetch asks for the changes since the last index
// seen (the first one, and any after an error, asks since that index too: the server answers
// a full list when it cannot give a delta). A tick while a fetch is still pending sends nothing.
// A fetch not answered within request_timeout (registry down or cut off) counts
// "registry.fetch_errors" and the poller keeps its last list; the next tick tries again.
//
// Parameters (defaults: Eureka client, real-system-defaults.json netflix_eureka_ribbon
// client_registry_fetch_interval 30 s with deltas; request_timeout 5 s is assumed).
// `fetch_all_services` fetches the whole registry as a Eureka client does (larger payloads)
// and keeps only `service`.
#pragma once

#include <functional>
#include <string>

#include "patterns/core/random.h"
#include "patterns/registry/registry_consumer.h"

namespace discolab::registry {

struct PollerConfig : ConsumerConfig {
  bool delta = true;
  bool fetch_all_services = false;
  Duration interval = std::chrono::seconds(30);
  Duration initial_delay{0};
  double jitter = 0.0;  // fraction of interval, in [0, 1)
  bool random_phase = true;
};

class RegistryPoller : public RegistryConsumer {
 public:
  // `on_update` gets the new list when it changes (and on the first answer): service_view.h.
  RegistryPoller(Runtime& runtime, HostId host, EndpointId registry, PollerConfig config,
                 UpdateCallback on_update = nullptr);
  ~RegistryPoller() { stop(); }

  void start();
  void stop();  // no more fetches; the list is kept

  std::uint64_t fetches() const { return fetches_; }
  // Whether a fetch has been answered or has failed since start().
  bool settled() const { return settled_; }
  // Called once, when the first fetch is answered or fails (right away if that already
  // happened): lets a caller wait for its initial list.
  void when_settled(std::function<void()> callback);

 private:
  void tick();
  void fetch();
  void settle();

  PollerConfig config_;
  RandomStream jitter_;
  RandomStream phase_;
  TimerId timer_ = kNoTimer;
  TimerId first_ = kNoTimer;  // the fetch at start, with random_phase
  bool settled_ = false;
  std::function<void()> on_settled_;
  std::uint64_t in_flight_ = 0;  // request id of the pending fetch, 0 if none
  std::uint64_t fetches_ = 0;
};

}  // namespace discolab::registry

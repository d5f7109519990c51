// Periodic polling of the registry: Eureka's client fetch (full or delta), Ribbon's server
// list refresh, Marathon-LB's poll mode.
//
// After start(), a Fetch is sent at initial_delay and then every `interval` (each interval
// jittered uniformly in [interval × (1 − jitter), interval × (1 + jitter)], stream
// "<name>"/"poll-jitter"). In delta mode each fetch asks for the changes since the last index
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

 private:
  void tick();
  void fetch();

  PollerConfig config_;
  RandomStream jitter_;
  TimerId timer_ = kNoTimer;
  std::uint64_t in_flight_ = 0;  // request id of the pending fetch, 0 if none
  std::uint64_t fetches_ = 0;
};

}  // namespace discolab::registry

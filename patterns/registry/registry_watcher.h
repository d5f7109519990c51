// A streaming watch on the registry: etcd's Watch, Consul/Kubernetes-style informers, the
// SSE stream Marathon-LB listens to. The registry pushes each change; nothing is polled.
//
// start() subscribes (WatchRequest since the last index seen; 0 the first time, which
// brings a full list). Each pushed WatchEvent is applied at once. The watcher cannot tell a
// quiet registry from a dead one except by silence: when nothing (event or progress
// notification) arrives for stream_timeout it counts "registry.watch_errors" and subscribes
// again, since its last index, so that a registry back from a failure or a cut resumes the
// stream with exactly the changes missed (or a full list). A subscription not acknowledged
// within request_timeout is retried every retry_interval, counting an error each time.
// Meanwhile the last list is kept.
//
// Defaults: stream_timeout 660 s = etcd's 600 s progress-notify interval
// (real-system-defaults.json etcd watch_progress_notify_interval) + 60 s of grace (assumed);
// set it above the server's watch_progress_interval. request_timeout 5 s, retry 1 s (assumed).
#pragma once

#include <string>

#include "patterns/registry/registry_consumer.h"

namespace discolab::registry {

struct WatcherConfig : ConsumerConfig {
  Duration stream_timeout = std::chrono::seconds(660);  // 0: trust the stream forever
  Duration retry_interval = std::chrono::seconds(1);
};

class RegistryWatcher : public RegistryConsumer {
 public:
  RegistryWatcher(Runtime& runtime, HostId host, EndpointId registry, WatcherConfig config,
                  UpdateCallback on_update = nullptr);
  ~RegistryWatcher();

  void start();
  void stop();  // unsubscribes; the list is kept

  bool subscribed() const { return subscription_ != 0; }

 private:
  void subscribe();
  void on_message(const Message& msg);
  void arm_liveness();
  void failed();

  WatcherConfig config_;
  bool running_ = false;
  std::uint64_t subscription_ = 0;  // request id of the acknowledged subscription
  TimerId retry_timer_ = kNoTimer;
  TimerId liveness_timer_ = kNoTimer;
};

}  // namespace discolab::registry

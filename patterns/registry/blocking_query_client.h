// A Consul blocking-query loop (long poll): consul-template, Consul's API watches, Fabio.
//
// Each query carries the last index seen and a wait; the registry answers as soon as the
// service's index passes it, or after wait + a stagger of up to wait/16 with the unchanged
// list. The client then queries again at once (after min_interval). The first query has
// index 0 and is answered at once. If an answer's index is lower than the one held (the
// registry lost state), the index is reset to 0, as Consul's documentation asks.
// A query not answered within wait + wait/16 + request_timeout counts "registry.query_errors",
// keeps the last list, and is retried after a backoff that starts at retry_backoff and
// doubles up to max_retry_backoff (reset by a success).
//
// Defaults (real-system-defaults.json hashicorp_consul): wait 60 s (consul_template
// block_query_wait; Consul's own default is 300 s), retry 250 ms doubling to 60 s
// (consul_template.retry); request_timeout 5 s of margin (assumed).
#pragma once

#include <string>

#include "patterns/registry/registry_consumer.h"

namespace discolab::registry {

struct BlockingQueryConfig : ConsumerConfig {
  Duration wait = std::chrono::seconds(60);
  Duration min_interval{0};  // between an answer and the next query
  Duration retry_backoff = std::chrono::milliseconds(250);
  Duration max_retry_backoff = std::chrono::seconds(60);
};

class BlockingQueryClient : public RegistryConsumer {
 public:
  BlockingQueryClient(Runtime& runtime, HostId host, EndpointId registry,
                      BlockingQueryConfig config, UpdateCallback on_update = nullptr);
  ~BlockingQueryClient();

  void start();
  void stop();

  std::uint64_t queries() const { return queries_; }

 private:
  void query();
  void after(Duration delay);

  BlockingQueryConfig config_;
  bool running_ = false;
  TimerId timer_ = kNoTimer;
  Duration backoff_{0};
  std::uint64_t queries_ = 0;
};

}  // namespace discolab::registry

// What configuration sync drives: a load balancer or proxy whose backend set is rendered into
// a configuration file and reloaded (HAProxy, NGINX).
//
// Contract: begin_reload() is called when a reload starts; apply() exactly `duration` later,
// when the new configuration is in effect. Between the two the target answers new
// connections as ConfigSync::admission() says (refused, or held until the end when the
// reload is hitless); connections already open keep their old backends.
#pragma once

#include "patterns/core/endpoint.h"
#include "patterns/core/time.h"

namespace discolab::configsync {

class ReloadTarget {
 public:
  virtual ~ReloadTarget() = default;
  // A reload starts now and ends at `ends_at`; `hitless`: new connections are held, not refused.
  virtual void begin_reload(SimTime ends_at, bool hitless) = 0;
  // The reload is over: `backends` (ascending instance ids) is the configuration from now on.
  virtual void apply(EndpointListPtr backends) = 0;
};

}  // namespace discolab::configsync

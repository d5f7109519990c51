// Template render + reload: consul-template (or confd, Marathon-LB) keeping a load balancer's
// configuration in step with the registry.
//
// Updates of the backend set come from any registry consumer (watch, blocking query, poll)
// through update(). Quiescence, as consul-template's `wait {min, max}`: the first change
// opens a window; every further change postpones the render to `min` after it, but never
// beyond `max` after the first one. So a render happens at
//   min(last_change + wait_min, first_change + wait_max).
// wait_min 0 disables the wait: every change renders at once. wait_max 0 with wait_min > 0
// means 4 × wait_min (consul-template's Finalize).
// A render whose backend set equals the last rendered one does nothing (consul-template runs
// its command only when the output changed). Otherwise a reload starts: the target's
// begin_reload(), and reload_duration later apply() with the rendered set. During
// [start, start + reload_duration) new connections fail, or are held until the end when
// `hitless` (HAProxy's seamless reload with listener hand-over, -x / master-worker).
// Renders that come while a reload runs, or sooner than min_reload_interval after the last
// reload began (SmartStack synapse's restart_interval), are coalesced: the latest set is
// reloaded as soon as allowed (Marathon-LB coalesces the events that arrive during a reset
// the same way: marathon_lb.py MarathonEventProcessor.try_reset; its --reload-interval is the
// wait between retries of a failed reload, not a spacing of reloads).
//
// Views: when `name` is set, the applied set is reported as a view (component `name`) at the
// instant it takes effect. Counts: configsync.renders, configsync.reloads,
// configsync.unchanged_renders.
//
// Defaults (real-system-defaults.json): wait disabled (hashicorp_consul consul_template.wait);
// min_reload_interval 0 (synapse's restart_interval 2 s is the smartstack preset's
// per_host_proxy.sync.min_sync_period). reload_duration 100 ms and hitless=false are assumptions:
// the file gives no figure for HAProxy's reload time, only that -sf without -x is not seamless.
#pragma once

#include <string>

#include "patterns/configsync/reload_target.h"
#include "patterns/core/runtime.h"

namespace discolab::configsync {

struct ConfigSyncConfig {
  std::string name;     // view component, e.g. "lb/haproxy-1"; "" = no view reported
  std::string service;  // the service whose backends are rendered
  Duration wait_min{0};
  Duration wait_max{0};
  Duration reload_duration = std::chrono::milliseconds(100);
  bool hitless = false;
  Duration min_reload_interval{0};
};

enum class Admission : std::uint8_t { accept, refuse, hold };

struct AdmissionDecision {
  Admission action = Admission::accept;
  SimTime until = SimTime{0};  // for hold: when the connection may proceed
};

class ConfigSync {
 public:
  // `target` is not owned and must outlive this object.
  ConfigSync(Runtime& runtime, ConfigSyncConfig config, ReloadTarget& target);
  ~ConfigSync();
  ConfigSync(const ConfigSync&) = delete;
  ConfigSync& operator=(const ConfigSync&) = delete;

  // A new backend set from discovery.
  void update(EndpointListPtr backends);

  // What happens to a new connection arriving now.
  AdmissionDecision admission() const;
  bool reloading() const { return reload_end_ != kNever; }
  // When the pending render will happen (kNever if none is pending).
  SimTime render_at() const { return render_at_; }
  const EndpointListPtr& applied() const { return applied_; }
  std::uint64_t reloads() const { return reloads_; }

 private:
  void arm_render();
  void render();
  void try_reload();
  void finish_reload();

  Runtime& rt_;
  ConfigSyncConfig config_;
  ReloadTarget& target_;
  ViewId view_ = 0;

  EndpointListPtr latest_;     // the last set received
  EndpointListPtr rendered_;   // the last set rendered (what the config file holds)
  EndpointListPtr to_reload_;  // rendered, waiting for a reload slot
  EndpointListPtr reloading_;  // being reloaded
  EndpointListPtr applied_;    // in effect

  SimTime first_change_ = kNever;
  SimTime render_at_ = kNever;
  TimerId render_timer_ = kNoTimer;
  SimTime reload_begin_ = kNever;  // start of the last reload
  SimTime reload_end_ = kNever;    // end of the running reload
  TimerId reload_timer_ = kNoTimer;
  TimerId slot_timer_ = kNoTimer;
  std::uint64_t reloads_ = 0;
};

}  // namespace discolab::configsync

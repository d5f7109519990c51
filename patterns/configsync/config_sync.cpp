#include "patterns/configsync/config_sync.h"

#include <algorithm>

#include "patterns/core/observer.h"

namespace discolab::configsync {

ConfigSync::ConfigSync(Runtime& runtime, ConfigSyncConfig config, ReloadTarget& target)
    : rt_(runtime),
      config_(std::move(config)),
      target_(target),
      applied_(std::make_shared<const EndpointList>()) {
  if (config_.wait_min > Duration::zero() && config_.wait_max == Duration::zero()) {
    config_.wait_max = 4 * config_.wait_min;
  }
  config_.wait_max = std::max(config_.wait_max, config_.wait_min);
  if (!config_.name.empty()) view_ = rt_.observer().view_opened(config_.name, config_.service);
}

ConfigSync::~ConfigSync() {
  rt_.cancel(render_timer_);
  rt_.cancel(reload_timer_);
  rt_.cancel(slot_timer_);
  if (!config_.name.empty()) rt_.observer().view_closed(view_);
}

void ConfigSync::update(EndpointListPtr backends) {
  latest_ = std::move(backends);
  if (config_.wait_min <= Duration::zero()) return render();
  const SimTime now = rt_.now();
  if (first_change_ == kNever) first_change_ = now;
  render_at_ = std::min(now + config_.wait_min, first_change_ + config_.wait_max);
  arm_render();
}

void ConfigSync::arm_render() {
  rt_.cancel(render_timer_);
  render_timer_ = rt_.schedule(std::max(render_at_ - rt_.now(), Duration::zero()), [this] {
    render_timer_ = kNoTimer;
    render();
  });
}

void ConfigSync::render() {
  rt_.cancel(render_timer_);
  render_timer_ = kNoTimer;
  first_change_ = render_at_ = kNever;
  if (!latest_) return;
  rt_.observer().count("configsync.renders");
  if (rendered_ && *rendered_ == *latest_) {
    rt_.observer().count("configsync.unchanged_renders");
    return;
  }
  rendered_ = latest_;
  to_reload_ = latest_;
  try_reload();
}

void ConfigSync::try_reload() {
  if (!to_reload_ || reloading()) return;
  const SimTime now = rt_.now();
  if (reload_begin_ != kNever && now < reload_begin_ + config_.min_reload_interval) {
    if (slot_timer_ == kNoTimer) {
      slot_timer_ = rt_.schedule(reload_begin_ + config_.min_reload_interval - now, [this] {
        slot_timer_ = kNoTimer;
        try_reload();
      });
    }
    return;
  }
  reloading_ = std::move(to_reload_);
  to_reload_ = nullptr;
  reload_begin_ = now;
  reload_end_ = now + config_.reload_duration;
  ++reloads_;
  rt_.observer().count("configsync.reloads");
  target_.begin_reload(reload_end_, config_.hitless);
  reload_timer_ = rt_.schedule(config_.reload_duration, [this] {
    reload_timer_ = kNoTimer;
    finish_reload();
  });
}

void ConfigSync::finish_reload() {
  reload_end_ = kNever;
  const bool members_changed = instance_ids(*applied_) != instance_ids(*reloading_);
  applied_ = std::move(reloading_);
  reloading_ = nullptr;
  target_.apply(applied_);
  if (!config_.name.empty() && members_changed) {
    const std::vector<InstanceId> ids = instance_ids(*applied_);
    rt_.observer().view_changed(view_, ids);
  }
  try_reload();
}

AdmissionDecision ConfigSync::admission() const {
  if (!reloading() || rt_.now() >= reload_end_) return {Admission::accept, rt_.now()};
  return config_.hitless ? AdmissionDecision{Admission::hold, reload_end_}
                         : AdmissionDecision{Admission::refuse, reload_end_};
}

}  // namespace discolab::configsync

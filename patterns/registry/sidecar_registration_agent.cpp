#include "patterns/registry/sidecar_registration_agent.h"

#include "patterns/core/data_plane.h"

namespace discolab::registry {

SidecarRegistrationAgent::SidecarRegistrationAgent(Runtime& runtime, EndpointId registry,
                                                   const InstanceInfo& info, SidecarConfig config,
                                                   std::uint32_t zone_index)
    : rt_(runtime),
      config_(std::move(config)),
      target_(info.endpoint),
      session_(runtime, info.host, registry, record_from(info, zone_index), config_.registration,
               [this](const Message& m) { on_message(m); }) {}

SidecarRegistrationAgent::~SidecarRegistrationAgent() { kill(); }

void SidecarRegistrationAgent::start() {
  if (running_) return;
  running_ = true;
  retiring_ = false;
  healthy_ = false;
  streak_ = 0;
  check();
}

void SidecarRegistrationAgent::kill() { halt(false); }

void SidecarRegistrationAgent::stop() { halt(true); }

void SidecarRegistrationAgent::retire() {
  retiring_ = true;
  if (!healthy_) halt(false);
}

void SidecarRegistrationAgent::halt(bool graceful) {
  if (!running_) return;
  running_ = false;
  rt_.cancel(check_timer_);
  rt_.cancel(timeout_timer_);
  check_timer_ = timeout_timer_ = kNoTimer;
  probe_open_ = false;
  session_.end(graceful);
}

void SidecarRegistrationAgent::check() {
  check_timer_ = rt_.schedule(config_.check_interval, [this] { check(); });
  if (probe_open_) return;  // the previous probe still has its timeout pending
  probe_open_ = true;
  ++probe_id_;
  session_.rpc().send_to(target_, kRequestBytes, RequestMsg{probe_id_});
  timeout_timer_ = rt_.schedule(config_.check_timeout, [this] {
    timeout_timer_ = kNoTimer;
    result(false);
  });
}

void SidecarRegistrationAgent::on_message(const Message& msg) {
  if (!probe_open_ || (msg.from != target_ && msg.to != target_)) return;
  std::uint64_t id = 0;
  bool pass = false;
  if (auto* r = std::any_cast<ResponseMsg>(&msg.body)) {
    id = r->try_id;
    pass = msg.status == DeliveryStatus::delivered;
  } else if (auto* j = std::any_cast<RejectMsg>(&msg.body)) {
    id = j->try_id;
  } else if (auto* q = std::any_cast<RequestMsg>(&msg.body)) {
    id = q->try_id;  // our probe came back refused
  }
  if (id != probe_id_) return;
  rt_.cancel(timeout_timer_);
  timeout_timer_ = kNoTimer;
  result(pass);
}

void SidecarRegistrationAgent::result(bool pass) {
  probe_open_ = false;
  if (pass == healthy_) {
    streak_ = 0;
    return;
  }
  if (++streak_ < (pass ? config_.rise : config_.fall)) return;
  streak_ = 0;
  healthy_ = pass;
  if (healthy_) {
    session_.begin();
  } else {
    session_.end(true);
    if (retiring_) halt(false);
  }
}

}  // namespace discolab::registry

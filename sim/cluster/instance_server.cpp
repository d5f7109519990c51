#include "sim/cluster/instance_server.h"

#include "patterns/core/data_plane.h"
#include "patterns/health/health_check_responder.h"

namespace discolab {

namespace {
ServerCoreConfig core_config(const ServiceSpec& spec) {
  ServerCoreConfig c;
  c.workers = spec.workers;
  c.queue_limit = spec.queue_limit;
  c.service_time = spec.service_time;
  return c;
}
}  // namespace

InstanceServer::InstanceServer(Runtime& rt, const ServiceSpec& spec, RandomStream service_times,
                               ClusterEvents* events, InstanceId id)
    : rt_(rt),
      events_(events),
      id_(id),
      core_(rt, core_config(spec), service_times, [this](const ServerJob& job) { done(job); }) {}

void InstanceServer::reply_reject(const Message& msg, std::uint64_t try_id) {
  ++rejected_;
  rt_.send(Message{endpoint_, msg.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                   RejectMsg{try_id, FailureCause::overloaded}});
}

void InstanceServer::handle(const Message& msg) {
  // The instance's health endpoint (an HTTP GET /health on its port, as HAProxy's `check`
  // and Envoy's active checks probe it): healthy once ready, until the process dies.
  if (HealthCheckResponder::answer(rt_, msg, accepting_)) return;
  const auto* req = std::any_cast<RequestMsg>(&msg.body);
  if (req == nullptr) return;
  if (!accepting_ ||
      core_.submit({msg.from, req->try_id, req->request}) == ServerCore::Admit::rejected) {
    reply_reject(msg, req->try_id);
  }
}

void InstanceServer::done(const ServerJob& job) {
  if (events_ != nullptr) events_->served(id_);
  if (!calls_ || calls_->empty()) {
    rt_.send(Message{endpoint_, job.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                     ResponseMsg{job.id}});
    return;
  }
  const std::uint64_t ticket = core_.hold();
  calls_->begin(
      job.request, [this, from = job.from, id = job.id, ticket](InstanceCalls::Result result) {
        if (result == InstanceCalls::Result::failed) {
          rt_.send(Message{endpoint_, from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                           RejectMsg{id, FailureCause::downstream_failed}});
        } else {
          if (result == InstanceCalls::Result::degraded) rt_.observer().count("requests.degraded");
          rt_.send(Message{endpoint_, from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                           ResponseMsg{id}});
        }
        core_.release(ticket);
      });
}

void InstanceServer::abort() {
  if (calls_) calls_->abandon();
  for (const ServerJob& job : core_.abort()) {
    rt_.send(Message{endpoint_, job.from, kResetBytes, Plane::data, DeliveryStatus::delivered,
                     ResetMsg{job.id}});
  }
  accepting_ = false;
}

}  // namespace discolab

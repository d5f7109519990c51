#include "sim/cluster/instance_server.h"

#include "patterns/core/data_plane.h"

namespace discolab {

InstanceServer::InstanceServer(Runtime& rt, const ServiceSpec& spec, RandomStream service_times,
                               ClusterEvents* events, InstanceId id)
    : rt_(rt), spec_(spec), service_times_(service_times), events_(events), id_(id) {}

Duration InstanceServer::draw_service_time() {
  const ServiceTimeSpec& st = spec_.service_time;
  switch (st.distribution) {
    case ServiceTimeDistribution::constant:
      return st.mean;
    case ServiceTimeDistribution::exponential:
      return service_times_.exponential_duration(st.mean);
    case ServiceTimeDistribution::lognormal:
      return from_seconds(service_times_.lognormal(to_seconds(st.mean), st.sigma));
  }
  return st.mean;
}

void InstanceServer::reply_reject(const Message& msg, std::uint64_t try_id) {
  ++rejected_;
  rt_.send(Message{endpoint_, msg.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                   RejectMsg{try_id}});
}

void InstanceServer::handle(const Message& msg) {
  const auto* req = std::any_cast<RequestMsg>(&msg.body);
  if (req == nullptr) return;  // not a request: health checks etc. are the pattern's business
  if (!accepting_) {
    reply_reject(msg, req->try_id);
    return;
  }
  const Pending p{msg.from, req->try_id};
  if (busy_ < spec_.workers) {
    begin(p);
  } else if (queue_.size() < static_cast<std::size_t>(spec_.queue_limit)) {
    queue_.push_back(p);
  } else {
    reply_reject(msg, req->try_id);
  }
}

void InstanceServer::begin(Pending p) {
  ++busy_;
  rt_.schedule(draw_service_time(), [this, p, g = generation_] { finish(p, g); });
}

void InstanceServer::finish(Pending p, std::uint32_t generation) {
  if (generation != generation_) return;  // the container crashed meanwhile
  --busy_;
  ++served_;
  if (events_ != nullptr) events_->served(id_);
  rt_.send(Message{endpoint_, p.caller, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                   ResponseMsg{p.try_id}});
  if (!queue_.empty()) {
    const Pending next = queue_.front();
    queue_.pop_front();
    begin(next);
  }
}

void InstanceServer::abort() {
  ++generation_;
  busy_ = 0;
  queue_.clear();
  accepting_ = false;
}

}  // namespace discolab

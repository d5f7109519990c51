#include "sim/metrics/ground_truth.h"

#include <algorithm>
#include <stdexcept>

namespace discolab::metrics {

GroundTruth::GroundTruth(SimTime accounting_from) : accounting_from_(accounting_from) {}

ServiceIndex GroundTruth::service_index(std::string_view name) {
  if (auto it = index_.find(name); it != index_.end()) return it->second;
  const auto index = static_cast<ServiceIndex>(names_.size());
  names_.emplace_back(name);
  index_.emplace(std::string(name), index);
  ready_.emplace_back();
  return index;
}

ServiceIndex GroundTruth::find_service(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? kNoService : it->second;
}

GroundTruth::InstanceState& GroundTruth::state(InstanceId instance) {
  if (instance == kNoInstance) throw std::invalid_argument("ground truth: kNoInstance");
  if (instance >= instances_.size()) instances_.resize(std::size_t{instance} + 1);
  return instances_[instance];
}

bool GroundTruth::instance_ready(InstanceId instance, std::string_view service, SimTime t) {
  return instance_ready(instance, service_index(service), t);
}

bool GroundTruth::instance_ready(InstanceId instance, ServiceIndex service, SimTime t) {
  if (service >= names_.size()) throw std::invalid_argument("ground truth: unknown service index");
  auto& s = state(instance);
  if (s.service != kNoService && s.service != service) {
    throw std::invalid_argument("ground truth: instance " + std::to_string(instance) +
                                " changed service");
  }
  s.service = service;
  if (s.ready) return false;
  s.ready = true;
  s.ready_since = t;
  auto& set = ready_[service];
  // Ids mostly grow with time, so this is usually an append.
  set.insert(std::lower_bound(set.begin(), set.end(), instance), instance);
  ++ready_total_;
  return true;
}

bool GroundTruth::instance_unready(InstanceId instance, SimTime t) {
  auto& s = state(instance);
  if (!s.ready) return false;
  s.ready = false;
  const SimTime from = std::max(s.ready_since, accounting_from_);
  if (t > from) s.ready_accounted += t - from;
  auto& set = ready_[s.service];
  set.erase(std::lower_bound(set.begin(), set.end(), instance));
  --ready_total_;
  return true;
}

std::span<const InstanceId> GroundTruth::ready_set(ServiceIndex service) const {
  if (service >= ready_.size()) return {};
  return ready_[service];
}

std::span<const InstanceId> GroundTruth::ready_set(std::string_view service) const {
  return ready_set(find_service(service));
}

double GroundTruth::ready_seconds(InstanceId instance, SimTime now) const {
  if (instance >= instances_.size()) return 0.0;
  const auto& s = instances_[instance];
  Duration total = s.ready_accounted;
  if (s.ready) {
    const SimTime from = std::max(s.ready_since, accounting_from_);
    if (now > from) total += now - from;
  }
  return to_seconds(total);
}

}  // namespace discolab::metrics

#include "patterns/health/health_state.h"

namespace discolab {

std::string_view to_string(EndpointHealth health) {
  return health == EndpointHealth::healthy ? "healthy" : "unhealthy";
}

bool HealthState::set(InstanceId instance, HealthFlag flag, bool on) {
  const auto bit = static_cast<std::uint8_t>(flag);
  const std::uint8_t before = flags(instance);
  const std::uint8_t after =
      on ? static_cast<std::uint8_t>(before | bit) : static_cast<std::uint8_t>(before & ~bit);
  if (after == 0) {
    flags_.erase(instance);
  } else {
    flags_[instance] = after;
  }
  const bool changed = (before == 0) != (after == 0);
  if (changed) ++version_;
  return changed;
}

bool HealthState::has(InstanceId instance, HealthFlag flag) const {
  return (flags(instance) & static_cast<std::uint8_t>(flag)) != 0;
}

std::uint8_t HealthState::flags(InstanceId instance) const {
  auto it = flags_.find(instance);
  return it == flags_.end() ? 0 : it->second;
}

}  // namespace discolab

// Who registers an instance, by name only: what configuration (scenario files) needs to know
// without pulling in the registration agents (instance_registration.h builds them).
#pragma once

#include <cstdint>
#include <string_view>

namespace discolab {

// self: the instance registers itself and renews its lease (Eureka client);
// sidecar: a helper beside it checks and registers it (nerve, Registrator);
// orchestrator: the scheduler writes what it knows (Marathon event bus, Kubernetes endpoints).
enum class RegistrationMode : std::uint8_t { self, sidecar, orchestrator };
std::string_view to_string(RegistrationMode mode);

}  // namespace discolab

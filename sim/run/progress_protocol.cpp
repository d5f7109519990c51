#include "sim/run/progress_protocol.h"

namespace discolab {

std::string protocol_problem(const nlohmann::json& message) {
  const auto it = message.find("protocol");
  if (it == message.end() || (it->is_number_integer() && it->get<long long>() == kProgressProtocol))
    return "";
  return "the run's progress stream is protocol " + it->dump() + ", this program reads protocol " +
         std::to_string(kProgressProtocol) +
         " (docs/progress-protocol.md): use a discolab of the same version";
}

}  // namespace discolab

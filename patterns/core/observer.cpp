#include "patterns/core/observer.h"

namespace discolab {

std::string_view to_string(FailureCause cause) {
  switch (cause) {
    case FailureCause::refused:
      return "refused";
    case FailureCause::timeout:
      return "timeout";
    case FailureCause::no_endpoint:
      return "no_endpoint";
    case FailureCause::lb_down:
      return "lb_down";
    case FailureCause::registry_down:
      return "registry_down";
    case FailureCause::retries_exhausted:
      return "retries_exhausted";
    case FailureCause::overloaded:
      return "overloaded";
    case FailureCause::reset:
      return "reset";
    case FailureCause::dns_failed:
      return "dns_failed";
    case FailureCause::downstream_failed:
      return "downstream_failed";
  }
  return "unknown";
}

}  // namespace discolab

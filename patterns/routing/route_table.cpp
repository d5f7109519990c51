#include "patterns/routing/route_table.h"

namespace discolab {

RouteId RouteTable::id_of(std::string_view name) const {
  for (std::size_t i = 0; i < routes.size(); ++i)
    if (routes[i].name == name) return static_cast<RouteId>(i + 1);
  return 0;
}

bool host_matches(std::string_view pattern, std::string_view host) {
  if (pattern.empty()) return true;
  if (pattern.ends_with(".*")) {  // "admin.*": the first labels, any last one
    const std::string_view stem = pattern.substr(0, pattern.size() - 1);  // "admin."
    return host.size() > stem.size() && host.starts_with(stem) &&
           host.substr(stem.size()).find('.') == std::string_view::npos;
  }
  if (pattern.starts_with("*.")) {                    // "*.example.com": one leading label
    const std::string_view tail = pattern.substr(1);  // ".example.com"
    return host.size() > tail.size() && host.ends_with(tail) &&
           host.substr(0, host.size() - tail.size()).find('.') == std::string_view::npos;
  }
  return pattern == host;
}

namespace {
std::string_view path_prefix(std::string_view pattern) {
  if (pattern.ends_with('*')) pattern.remove_suffix(1);
  if (pattern.size() > 1 && pattern.ends_with('/')) pattern.remove_suffix(1);
  return pattern == "/" ? std::string_view{} : pattern;
}
}  // namespace

bool path_matches(std::string_view pattern, std::string_view path) {
  const std::string_view prefix = path_prefix(pattern);
  if (prefix.empty()) return true;
  if (!path.starts_with(prefix)) return false;
  // "/api" matches "/api" and "/api/…", not "/apis".
  return path.size() == prefix.size() || path[prefix.size()] == '/' || prefix.ends_with('/');
}

RouteId RouteTable::match(std::string_view host, std::string_view path) const {
  RouteId best = 0;
  bool best_host = false;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const Route& r = routes[i];
    if (!host_matches(r.host, host) || !path_matches(r.path, path)) continue;
    const bool has_host = !r.host.empty();
    const std::size_t length = path_prefix(r.path).size();
    if (best == 0 || (has_host && !best_host) || (has_host == best_host && length > best_length)) {
      best = static_cast<RouteId>(i + 1);
      best_host = has_host;
      best_length = length;
    }
  }
  return best;
}

}  // namespace discolab

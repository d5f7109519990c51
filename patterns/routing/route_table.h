// The run's L7 route table: what an API gateway (or any L7 intermediary) routes by.
//
// A route matches requests by host and path and sends them to a service, optionally split
// over version subsets by weight (a canary: v2 10, v1 90). Requests carry their route as a
// RouteId (patterns/core/request.h): index + 1 into `routes`; 0 is "no route" (the target
// service's default: every instance).
//
// Matching follows Kong's router (docs.konghq.com "Proxy reference", routing priorities):
// - `host`: exact, or one wildcard label at either end ("admin.*", "*.example.com");
//   empty matches every host;
// - `path`: a prefix ("/api" matches "/api" and "/api/users"); a trailing "*" is the same
//   prefix ("/api/*"); empty or "/" matches every path;
// - among matching routes, one with a host beats one without, then the longest path wins,
//   then the earlier route (Kong orders by the number of matching attributes, then by path
//   length).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/core/request.h"

namespace discolab {

struct VersionWeight {
  std::string version;
  std::uint32_t weight = 1;
};

struct Route {
  std::string name;
  std::string host;
  std::string path;
  std::string service;
  std::vector<VersionWeight> versions;  // empty: every instance of the service
};

struct RouteTable {
  std::vector<Route> routes;

  // The route `id` names; nullptr for 0 or an id beyond the table.
  const Route* find(RouteId id) const {
    return id == 0 || id > routes.size() ? nullptr : &routes[id - 1];
  }
  // The route whose name is `name`, 0 when none.
  RouteId id_of(std::string_view name) const;
  // The route a request for `host` and `path` takes, 0 when none matches.
  RouteId match(std::string_view host, std::string_view path) const;
};

bool host_matches(std::string_view pattern, std::string_view host);
bool path_matches(std::string_view pattern, std::string_view path);

}  // namespace discolab

// The route table's matching (Kong's router: host wildcards, path prefixes, priorities).
#include "patterns/routing/route_table.h"

#include <catch2/catch.hpp>

using namespace discolab;

namespace {
RouteTable example() {
  RouteTable t;
  t.routes = {{"api", "", "/api/*", "api", {}},
              {"admin", "admin.*", "", "admin", {}},
              {"web-canary", "", "/", "web", {{"v2", 10}, {"v1", 90}}},
              {"api-users", "", "/api/users", "users", {}}};
  return t;
}
}  // namespace

TEST_CASE("routes: a path prefix matches itself and what lies under it, not a longer word") {
  CHECK(path_matches("/api/*", "/api"));
  CHECK(path_matches("/api/*", "/api/orders/7"));
  CHECK(path_matches("/api", "/api/orders"));
  CHECK_FALSE(path_matches("/api", "/apis"));
  CHECK_FALSE(path_matches("/api/*", "/web"));
  CHECK(path_matches("/", "/anything"));
  CHECK(path_matches("", "/anything"));
}

TEST_CASE("routes: a host matches exactly or by one wildcard label at either end") {
  CHECK(host_matches("admin.*", "admin.example"));
  CHECK_FALSE(host_matches("admin.*", "admin.example.com"));  // one label only
  CHECK_FALSE(host_matches("admin.*", "www.example"));
  CHECK(host_matches("*.example.com", "shop.example.com"));
  CHECK_FALSE(host_matches("*.example.com", "a.b.example.com"));
  CHECK(host_matches("shop.example.com", "shop.example.com"));
  CHECK_FALSE(host_matches("shop.example.com", "shop.example.org"));
  CHECK(host_matches("", "any.host"));
}

TEST_CASE("routes: a host beats no host, then the longest path wins, ids are index + 1") {
  const RouteTable t = example();
  CHECK(t.match("www.example", "/api/orders") == 1);
  CHECK(t.match("www.example", "/api/users/3") == 4);   // longer prefix than /api
  CHECK(t.match("admin.example", "/api/orders") == 2);  // the host route wins
  CHECK(t.match("www.example", "/index.html") == 3);
  CHECK(t.id_of("web-canary") == 3);
  CHECK(t.id_of("nope") == 0);
  REQUIRE(t.find(3) != nullptr);
  CHECK(t.find(3)->service == "web");
  CHECK(t.find(0) == nullptr);
  CHECK(t.find(5) == nullptr);
  RouteTable narrow;
  narrow.routes = {{"api", "", "/api", "api", {}}};
  CHECK(narrow.match("h", "/web") == 0);
}

// scenarios/microservices.yaml shows what its comment says, over 5 seeds with 95 % confidence
// intervals (sim/metrics/confidence.h): a user's request fails when any hop below it fails,
// so the users' failure rate (through the gateway, which does not redispatch here) lies above
// every internal hop's; each hop's own figures are in by_client["web->api"] etc.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_command.h"
#include "sim/metrics/confidence.h"

using namespace discolab::testing;
using discolab::metrics::mean_interval;
using discolab::metrics::MeanInterval;
using nlohmann::json;

namespace {

constexpr int kSeeds = 5;

std::vector<json> runs() {
  std::vector<json> out;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const auto dir = scratch("microservices-" + std::to_string(seed));
    const auto r = run_discolab("run scenarios/microservices.yaml --quiet --seed " +
                                std::to_string(seed) + " --out " + dir.string());
    REQUIRE(r.exit_code == 0);
    out.push_back(json::parse(read_file(dir / "summary.json")));
  }
  return out;
}

MeanInterval hop(const std::vector<json>& summaries, const std::string& group, const char* key) {
  std::vector<double> xs;
  for (const json& s : summaries) {
    const json& g = s.at("by_client").at(group);
    xs.push_back(std::string(key) == "stale_route_rate" ? g.at(key).get<double>()
                                                        : g.at("requests").at(key).get<double>());
  }
  return mean_interval(xs);
}

}  // namespace

TEST_CASE("microservices: the users' failures compound the internal hops' stale routes",
          "[scenarios][api-gateway]") {
  const std::vector<json> summaries = runs();
  CHECK(summaries[0].at("pattern") == "api-gateway");
  const MeanInterval users = hop(summaries, "users", "failure_rate");
  INFO("users failure rate " << users.mean << " [" << users.low << ", " << users.high << "]");
  for (const char* edge : {"web->api", "web->auth", "api->db", "auth->db"}) {
    const MeanInterval f = hop(summaries, edge, "failure_rate");
    const MeanInterval stale = hop(summaries, edge, "stale_route_rate");
    INFO(edge << " failure rate " << f.mean << " [" << f.low << ", " << f.high << "], stale routes "
              << stale.mean);
    CHECK(stale.low > 0);       // every internal hop routes to dead instances at times
    CHECK(users.low > f.high);  // the users see every hop's failures, and more
  }
  // The hops a web request makes add up: the users fail more often than web's two calls do.
  const MeanInterval api = hop(summaries, "web->api", "failure_rate");
  const MeanInterval auth = hop(summaries, "web->auth", "failure_rate");
  CHECK(users.mean > api.mean + auth.mean);
}

// crash-storm and rolling-deploy: stale routes and failures per pattern, compared on the same
// churn and arrivals over 5 seeds with 95 % intervals (`discolab compare`).
#include "comparison_csv.h"

using namespace discolab::testing;

namespace {
const std::string kPatterns = "--patterns client-side,dns,central-lb --seeds 5 -j 2";
}

TEST_CASE("crash-storm: client-side routes to dead instances longest, the LB's checks least",
          "[scenarios][churn]") {
  const ComparedRuns c("scenarios/crash-storm.yaml", kPatterns);
  const auto& cs = c.at("client-side", "staleness.stale_route_rate");
  const auto& dns = c.at("dns", "staleness.stale_route_rate");
  const auto& lb = c.at("central-lb", "staleness.stale_route_rate");
  INFO("stale routes: client-side " << show(cs) << ", dns " << show(dns) << ", central-lb "
                                    << show(lb));
  // The lease keeps a crashed instance listed for client-side and dns alike; client-side
  // adds its fetch interval, the LB takes it out after three failed checks.
  CHECK(cs.low > lb.high);
  CHECK(dns.low > lb.high);
  const auto& cs_failed = c.at("client-side", "requests.failure_rate");
  const auto& lb_failed = c.at("central-lb", "requests.failure_rate");
  INFO("failed: client-side " << show(cs_failed) << ", central-lb " << show(lb_failed));
  CHECK(cs_failed.low > lb_failed.high);
}

TEST_CASE("rolling-deploy: clients that poll route to drained instances, watches do not",
          "[scenarios][churn]") {
  const ComparedRuns c("scenarios/rolling-deploy.yaml", kPatterns);
  const auto& cs = c.at("client-side", "staleness.stale_route_rate");
  const auto& dns = c.at("dns", "staleness.stale_route_rate");
  const auto& lb = c.at("central-lb", "staleness.stale_route_rate");
  INFO("stale routes: client-side " << show(cs) << ", dns " << show(dns) << ", central-lb "
                                    << show(lb));
  CHECK(cs.low > dns.high);
  CHECK(cs.low > lb.high);
  const auto& cs_failed = c.at("client-side", "requests.failure_rate");
  const auto& lb_failed = c.at("central-lb", "requests.failure_rate");
  INFO("failed: client-side " << show(cs_failed) << ", central-lb " << show(lb_failed));
  CHECK(cs_failed.low > lb_failed.high);
}

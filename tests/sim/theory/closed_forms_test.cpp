#include "sim/theory/closed_forms.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/scenario/scenario_loader.h"
#include "sim/theory/dns_cache.h"
#include "sim/theory/lease_removal.h"
#include "sim/theory/queueing.h"

using namespace discolab;
using namespace discolab::theory;

namespace {

Scenario validation(const std::string& name, const std::vector<std::string>& sets = {}) {
  return load_scenario(std::string(DISCOLAB_SOURCE_DIR) + "/scenarios/validation/" + name + ".yaml",
                       sets);
}

ClosedForm only(const std::vector<ClosedForm>& forms) {
  REQUIRE(forms.size() == 1);
  return forms.front();
}

}  // namespace

TEST_CASE("random routing over one-worker exponential servers is M/M/1 per instance", "[theory]") {
  // 100 servers of mean 10 ms at 5000/s: load 0.5, sojourn 10 / (1 − 0.5) = 20 ms.
  const Scenario sc = validation("supermarket", {"clients.arrivals.rate=5000/s",
                                                 "patterns.client_side.balancing.policy=random"});
  const ClosedForm f = only(closed_forms(sc, "client-side"));
  CHECK(f.exact);
  CHECK(f.value == Approx(20.0));
  CHECK(f.quantity == "latency mean [ms]");
  CHECK(f.measure({{"latency", {{"mean_ms", 19.5}}}}) == 19.5);
  CHECK_FALSE(f.measure({{"latency", {{"mean_ms", nullptr}}}}).has_value());
}

TEST_CASE("least-request with d choices from one caller gets the supermarket limit", "[theory]") {
  const Scenario sc = validation("supermarket", {"clients.arrivals.rate=9000/s"});
  const ClosedForm f = only(closed_forms(sc, "client-side"));
  CHECK_FALSE(f.exact);  // the n → ∞ limit
  CHECK(f.value == Approx(supermarket_mean_sojourn(0.9, 2) * 10.0));
  // Two caller processes each see only their own in-flight counts: no closed form.
  CHECK(
      closed_forms(validation("supermarket", {"clients.arrivals.count=2"}), "client-side").empty());
}

TEST_CASE("the central LB gets Erlang C with server maxconn 1 and JSQ with least-conn",
          "[theory]") {
  const Scenario jsq = validation("central-lb-queues");  // 3 servers, 270/s, 10 ms: load 0.9
  const ClosedForm j = only(closed_forms(jsq, "central-lb"));
  CHECK(j.value == Approx(jsq_mean_sojourn(0.9, 3) * 10.0));
  const Scenario mmc = validation("central-lb-queues", {"patterns.central_lb.lb.server_maxconn=1",
                                                        "patterns.central_lb.lb.queue_timeout=1h"});
  const ClosedForm c = only(closed_forms(mmc, "central-lb"));
  CHECK(c.value == Approx(mmc_mean_sojourn(3, 0.27, 0.1)));
  // A queue timeout that cuts the waiting short: the model no longer holds.
  CHECK(closed_forms(validation("central-lb-queues", {"patterns.central_lb.lb.server_maxconn=1",
                                                      "patterns.central_lb.lb.queue_timeout=50ms"}),
                     "central-lb")
            .empty());
}

TEST_CASE("no queueing closed form when the scenario leaves the model", "[theory]") {
  const std::vector<std::vector<std::string>> breaks{
      {"platform.host_link.latency=1ms"},
      {"services.queue.workers=2"},
      {"services.queue.service_time.distribution=constant"},
      {"churn.crashes.rate_per_instance=1/h"},
      {"patterns.client_side.balancing.policy=round-robin"},
      {"patterns.client_side.health.active.enabled=true"},
  };
  for (const auto& sets : breaks) {
    INFO(sets.front());
    CHECK(closed_forms(validation("supermarket", sets), "client-side").empty());
  }
  // The patterns without a closed form here.
  CHECK(closed_forms(validation("supermarket"), "per-host-proxy").empty());
}

TEST_CASE("the DNS scenario gets stale answers per change, measured from the counters",
          "[theory]") {
  const Scenario sc = validation("dns-cache-ttl5");
  const ClosedForm f = only(closed_forms(sc, "dns"));
  CHECK(f.value == Approx(stale_answers_per_change({5.0, 2.0, 4 * 90.0 / 3600.0})));
  const nlohmann::json summary = {
      {"counters", {{"view_reads_stale.client", 30}, {"churn.crashes", 8}}}};
  CHECK(f.measure(summary) == Approx(30.0 / 8.0));
  CHECK_FALSE(f.measure({{"counters", {{"view_reads_stale.client", 3}}}}).has_value());
  // A client without a TTL cache: no closed form.
  CHECK(closed_forms(validation("dns-cache-ttl5", {"patterns.dns.dns.client.cache=none"}), "dns")
            .empty());
}

TEST_CASE("the lease scenario gets the mean removal delay, Eureka's double expiry doubled",
          "[theory]") {
  const ClosedForm f = only(closed_forms(validation("lease-h10-l30-e4"), "client-side"));
  CHECK(f.value == Approx(removal_delay_mean({10.0, 30.0, 4.0})));
  CHECK(f.value == Approx(27.0));
  const nlohmann::json summary = {
      {"staleness",
       {{"by_component",
         {{"registry", {{"by_change", {{"unready", {{"propagation_mean_s", 26.5}}}}}}}}}}}};
  CHECK(f.measure(summary) == 26.5);
  const ClosedForm e = only(closed_forms(
      validation("lease-h10-l30-e4", {"patterns.client_side.registry.eureka_double_expiry=true"}),
      "client-side"));
  CHECK(e.value == Approx(removal_delay_mean({10.0, 60.0, 4.0})));
}

#include "sim/tune/tune_spec.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace discolab::tune;

TEST_CASE("an SLO names a figure and a bound in the figure's unit") {
  const Slo p99 = parse_slo("staleness.propagation_p99_s <= 10s");
  CHECK(p99.figure == "staleness.propagation_p99_s");
  CHECK(p99.bound == Bound::at_most);
  CHECK(p99.value == 10.0);
  CHECK(p99.unit == "s");

  const Slo latency = parse_slo("latency.p99_ms<=50ms");
  CHECK(latency.value == 50.0);  // the figure is in ms
  CHECK(parse_slo("latency.p99_ms <= 0.1s").value == Approx(100.0));

  CHECK(parse_slo("requests.failure_rate <= 0.001").value == 0.001);
  CHECK(parse_slo("requests.failure_rate <= 0.1%").value == Approx(0.001));
  CHECK(parse_slo("requests.succeeded >= 100").bound == Bound::at_least);
}

TEST_CASE("an SLO is refused with a reason") {
  CHECK_THROWS_WITH(parse_slo("latency.p99 <= 50ms"), Catch::Contains("not a figure"));
  CHECK_THROWS_WITH(parse_slo("latency.p99_ms <= 50"), Catch::Contains("write a duration"));
  CHECK_THROWS_WITH(parse_slo("latency.p99_ms < 50ms"), Catch::Contains("FIGURE <= VALUE"));
  CHECK_THROWS_WITH(parse_slo("pattern <= 1"), Catch::Contains("not a number"));
  CHECK_THROWS_WITH(parse_objective("control_plane.msgs", false), Catch::Contains("not a figure"));
  CHECK(parse_objective("control_plane.messages_per_s", false).unit == "1/s");
}

TEST_CASE("an SLO's violation is relative to its bound") {
  const Slo at_most = parse_slo("latency.p99_ms <= 50ms");
  CHECK(at_most.violation(60.0) == Approx(0.2));
  CHECK(at_most.violation(40.0) == Approx(-0.2));
  const Slo at_least = parse_slo("requests.succeeded >= 100");
  CHECK(at_least.violation(90.0) == Approx(0.1));
  CHECK(at_most.violation(std::nan("")) == 1.0);
}

TEST_CASE("a continuous vary is a range in LO's unit, rounded to 4 digits") {
  const Vary ttl = parse_vary("patterns.dns.dns.server.ttl=1s..10s");
  CHECK_FALSE(ttl.discrete());
  CHECK_FALSE(ttl.log);
  CHECK(ttl.value_at(0.0) == "1s");
  CHECK(ttl.value_at(1.0) == "10s");
  CHECK(ttl.value_at(0.5) == "5.5s");
  CHECK(ttl.value_at(1.0 / 3.0) == "4s");
  CHECK(ttl.value_at(0.27) == "3.43s");

  const Vary log = parse_vary("patterns.client_side.propagation.fetch_interval=500ms..60s:log");
  CHECK(log.log);
  CHECK(log.value_at(0.0) == "500ms");
  CHECK(log.value_at(1.0) == "60s");  // 1 HI-unit or more: written in HI's unit
  CHECK(log.value_at(0.2) == "1.303s");  // 0.5 s × 120^0.2
  CHECK(log.number_at(1.0) == Approx(60.0));
  CHECK(log.number_at(0.5) == Approx(std::sqrt(0.5 * 60.0)).epsilon(1e-3));

  const Vary replicas = parse_vary("services.web.replicas=2..9");
  CHECK(replicas.integer);
  CHECK(replicas.value_at(0.5) == "6");
}

TEST_CASE("a discrete vary is enumerated, and patterns.* stands for each pattern's section") {
  const Vary policy = parse_vary("patterns.*.balancing.policy=round-robin, random,least-request");
  REQUIRE(policy.discrete());
  CHECK(policy.choices == std::vector<std::string>{"round-robin", "random", "least-request"});
  CHECK(policy.key_for("per-host-proxy") == "patterns.per_host_proxy.balancing.policy");
  CHECK(parse_vary("churn.crashes.rate_per_instance=1/h..9/h").key_for("dns") ==
        "churn.crashes.rate_per_instance");
}

TEST_CASE("a vary is refused with a reason") {
  CHECK_THROWS_WITH(parse_vary("ttl"), Catch::Contains("KEY=LO..HI"));
  CHECK_THROWS_WITH(parse_vary("a.b=10s..1s"), Catch::Contains("HI must exceed LO"));
  CHECK_THROWS_WITH(parse_vary("a.b=0s..1s:log"), Catch::Contains("above 0"));
  CHECK_THROWS_WITH(parse_vary("a.b=x..y"), Catch::Contains("numbers or quantities"));
  CHECK_THROWS_WITH(parse_vary("a.b=one"), Catch::Contains("two values"));
}

TEST_CASE("an :int vary rounds to whole numbers in LO's unit") {
  const Vary ttl = parse_vary("patterns.dns.dns.server.ttl=1s..60s:log:int");
  CHECK(ttl.log);
  CHECK(ttl.integer);
  CHECK(ttl.value_at(0.5) == "8s");  // √60 = 7.75
  CHECK_FALSE(parse_vary("a.b=1s..60s").integer);
}

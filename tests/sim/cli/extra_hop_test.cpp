// extra-hop: with nothing going wrong, latency is the path each pattern gives a request
// (scenarios/extra-hop.yaml), compared over 5 seeds with 95 % intervals.
#include "comparison_csv.h"

using namespace discolab::testing;

TEST_CASE(
    "extra-hop: an intermediary on another host adds its hop, a local proxy or client-side none",
    "[scenarios][latency]") {
  const ComparedRuns c("scenarios/extra-hop.yaml", "--seeds 5 -j 2");
  const auto& cs = c.at("client-side", "user.latency.p50_ms");
  const auto& dns = c.at("dns", "user.latency.p50_ms");
  const auto& lb = c.at("central-lb", "user.latency.p50_ms");
  INFO("latency p50 ms: client-side " << show(cs) << ", dns (JVM cache) " << show(dns)
                                      << ", central-lb " << show(lb));
  // The LB's host and back: at least one more round trip over the links (0.2 ms).
  CHECK(lb.low > cs.high + 0.2);
  // A cached DNS answer costs no lookup: the same path as client-side, within 5 %.
  CHECK(dns.mean < cs.mean * 1.05);
  CHECK(c.at("central-lb", "requests.failure_rate").mean == 0.0);
  // The per-host proxy's hop stays on the caller's host: its processing (microseconds) but no
  // link; the gateway adds the LB's hop and L7 processing on top.
  const auto& proxy = c.at("per-host-proxy", "user.latency.p50_ms");
  const auto& gateway = c.at("api-gateway", "user.latency.p50_ms");
  INFO("per-host-proxy " << show(proxy) << ", api-gateway " << show(gateway));
  CHECK(proxy.low > cs.high);
  CHECK(proxy.high < cs.low + 0.1);
  CHECK(gateway.low > lb.high);
  // The path in messages: request and answer, twice through the LB (requests still in flight
  // at the end make it a hair more).
  CHECK(c.at("client-side", "data_plane.messages_per_request").mean == Approx(2.0).epsilon(0.01));
  CHECK(c.at("central-lb", "data_plane.messages_per_request").mean == Approx(4.0).epsilon(0.01));
}

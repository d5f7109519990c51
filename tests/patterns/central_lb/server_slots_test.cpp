// HAProxy's server `maxconn` and backend queue at the central LB (patterns/central_lb/
// server_slots.h), through the LB on the manual clock (1 ms per message, 10 ms of LB
// processing): a request finding every server full waits, a freed slot serves the oldest
// waiting request, the queue timeout fails a request as overloaded after exactly that long,
// and maxconn 0 is no limit.
#include "patterns/central_lb/server_slots.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/patterns/central_lb/lb_test_support.h"

using namespace discolab;
using namespace std::chrono_literals;
using test::base_config;
using test::RawClient;
using test::Setup;

namespace {

CentralLbConfig slots_config(std::uint32_t maxconn, Duration queue_timeout) {
  CentralLbConfig c = base_config();
  c.lb.workers = 64;  // requests are processed side by side: only the slots make them wait
  c.lb.service_time = {ServiceTimeDistribution::constant, 10ms, 0};
  c.lb.try_timeout = 1h;
  c.lb.server_maxconn = maxconn;
  c.lb.queue_timeout = queue_timeout;
  return c;
}

std::size_t index_of(const std::vector<std::uint64_t>& ids, std::uint64_t id) {
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

}  // namespace

TEST_CASE(
    "server slots: a request waits while every server is at maxconn, then the oldest "
    "waiting one takes the freed slot") {
  Setup s(slots_config(1, 1h));
  const InstanceId fast = s.cluster.add_instance(100ms);
  const InstanceId slow = s.cluster.add_instance(300ms);
  s.cluster.add_caller("users-0", 0);  // opens the LB's frontend for "web"
  s.cluster.rt.advance(1s);
  RawClient client(s.cluster.rt);
  const EndpointId vip = s.pattern.virtual_ip("web");
  const ServerSlots* slots = s.pattern.lb(0)->slots("web");
  REQUIRE(slots != nullptr);
  const SimTime t0 = s.cluster.rt.now();
  for (std::uint64_t k = 1; k <= 4; ++k) {  // 1 ms apart: arrival order 1, 2, 3, 4
    client.send(vip, k);
    s.cluster.rt.advance(1ms);
  }
  s.cluster.rt.advance(50ms);
  // One try in flight per server; 3 and 4 wait at the LB, nothing failed.
  CHECK(slots->in_flight(fast) == 1);
  CHECK(slots->in_flight(slow) == 1);
  CHECK(slots->waiting() == 2);
  CHECK(s.cluster.log.tries_to(fast, t0) + s.cluster.log.tries_to(slow, t0) == 2);
  CHECK(client.answers.empty());
  s.cluster.rt.advance(2s);
  // The fast server frees first and serves 3, the older waiting request, then 4.
  const std::vector<std::uint64_t> order = client.response_order();
  REQUIRE(order.size() == 4);
  CHECK(index_of(order, 3) < index_of(order, 4));
  CHECK(s.cluster.log.tries_to(fast, t0) == 3);
  CHECK(slots->waiting() == 0);
  CHECK(slots->queue_timeouts() == 0);
}

TEST_CASE("server slots: a request waiting for queue_timeout fails as overloaded then") {
  Setup s(slots_config(1, 1s));
  const InstanceId a = s.cluster.add_instance(5s);
  s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(1s);
  RawClient client(s.cluster.rt);
  const EndpointId vip = s.pattern.virtual_ip("web");
  const ServerSlots* slots = s.pattern.lb(0)->slots("web");
  REQUIRE(slots != nullptr);
  client.send(vip, 1);  // takes the one slot for 5 s
  s.cluster.rt.advance(100ms);
  const SimTime sent = s.cluster.rt.now();
  client.send(vip, 2);
  // It reaches the LB after 1 ms, is processed for 10 ms, then waits in the backend queue.
  const SimTime queued = sent + 11ms;
  s.cluster.rt.advance(queued + 1s - 1ms - s.cluster.rt.now());
  CHECK(slots->waiting() == 1);
  CHECK(client.answers.empty());
  s.cluster.rt.advance(1ms);  // exactly queue_timeout after it queued
  CHECK(slots->waiting() == 0);
  CHECK(slots->queue_timeouts() == 1);
  s.cluster.rt.advance(1ms);  // the answer's hop back
  REQUIRE(client.answers.size() == 1);
  CHECK(client.count_of_cause(FailureCause::overloaded) == 1);
  CHECK(client.answered_at.front() == queued + 1s + 1ms);
  CHECK(slots->in_flight(a) == 1);  // the first request is still served
  s.cluster.rt.advance(5s);
  CHECK(client.responses() == 1);
  CHECK(s.cluster.log.tries_to(a) == 1);  // the timed-out request never reached the server
}

TEST_CASE("server slots: maxconn 0 is no limit, maxconn n holds n tries per server") {
  const std::uint32_t maxconn = GENERATE(0u, 2u);
  Setup s(slots_config(maxconn, 1h));
  const InstanceId a = s.cluster.add_instance(100ms);
  s.cluster.add_caller("users-0", 0);
  s.cluster.rt.advance(1s);
  RawClient client(s.cluster.rt);
  const EndpointId vip = s.pattern.virtual_ip("web");
  CHECK((s.pattern.lb(0)->slots("web") == nullptr) == (maxconn == 0));
  const SimTime t0 = s.cluster.rt.now();
  for (std::uint64_t k = 1; k <= 5; ++k) client.send(vip, k);
  s.cluster.rt.advance(50ms);
  CHECK(s.cluster.log.tries_to(a, t0) == (maxconn == 0 ? 5u : maxconn));
  s.cluster.rt.advance(2s);
  CHECK(client.responses() == 5);
}

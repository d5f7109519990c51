// The data plane through an intermediary: what a client sees of an LB, proxy or gateway (a
// target without instance), and what an intermediary's upstream leg reports (RequestOwner).
#include <catch2/catch.hpp>
#include <vector>

#include "patterns/caller/retrying_caller.h"
#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

struct Recorder final : Observer {
  std::vector<RequestOutcome> done;
  std::vector<CallerTag> try_tags;
  CallerTag next_tag = 70;
  ViewId view_opened(std::string_view, std::string_view) override { return 0; }
  CallerTag caller_opened(std::string_view, std::string_view) override { return next_tag++; }
  void view_changed(ViewId, std::span<const InstanceId>) override {}
  void view_closed(ViewId) override {}
  void try_sent(InstanceId, CallerTag tag) override { try_tags.push_back(tag); }
  void request_done(const RequestOutcome& o) override { done.push_back(o); }
  void count(std::string_view, std::uint64_t) override {}
};

// Always the same target.
struct Fixed final : TargetChooser {
  CallTarget target;
  std::vector<Request> seen;
  TargetChoice choose(const Request& request, std::span<const InstanceId>) override {
    seen.push_back(request);
    return target;
  }
};

struct Owner final : RequestOwner {
  std::vector<std::pair<Request, RequestOutcome>> finished;
  void request_finished(const Request& r, const RequestOutcome& o) override {
    finished.emplace_back(r, o);
  }
};

CallerInfo info(std::uint32_t retries = 0) {
  CallerInfo i;
  i.name = "users-0";
  i.group = "users";
  i.host = 0;
  i.target_service = "web";
  i.try_timeout = 100ms;
  i.max_retries = retries;
  return i;
}

}  // namespace

TEST_CASE("a try to an intermediary that does not answer fails as lb_down",
          "[caller][data-plane]") {
  ManualRuntime rt(1, 1ms);
  Recorder obs;
  rt.set_observer(obs);
  const EndpointId lb = rt.open(1, "load-balancer", [](const Message&) {});  // never answers
  Fixed chooser;
  chooser.target = CallTarget{lb, kNoInstance};
  RetryingCaller caller(rt, info(), chooser);
  caller.issue(Request{5});
  rt.advance(1s);
  REQUIRE(obs.done.size() == 1);
  CHECK_FALSE(obs.done[0].ok);
  CHECK(obs.done[0].cause == FailureCause::lb_down);
  CHECK(obs.try_tags.empty());  // a try to an intermediary names no instance
}

TEST_CASE("a refused intermediary fails as lb_down, a refused instance as refused",
          "[caller][data-plane]") {
  const bool intermediary = GENERATE(true, false);
  ManualRuntime rt(1, 1ms);
  Recorder obs;
  rt.set_observer(obs);
  const EndpointId ep = rt.open(1, "load-balancer", [](const Message&) {});
  rt.close(ep);
  Fixed chooser;
  chooser.target = CallTarget{ep, intermediary ? kNoInstance : InstanceId{3}};
  RetryingCaller caller(rt, info(), chooser);
  caller.issue(Request{5});
  rt.advance(1s);
  REQUIRE(obs.done.size() == 1);
  CHECK(obs.done[0].cause == (intermediary ? FailureCause::lb_down : FailureCause::refused));
}

TEST_CASE("a rejection's cause is the try's cause", "[caller][data-plane]") {
  // refused too: the intermediary's leg was refused by a backend; the intermediary itself
  // answered, so it is not lb_down.
  const FailureCause sent = GENERATE(FailureCause::overloaded, FailureCause::no_endpoint,
                                     FailureCause::reset, FailureCause::refused);
  ManualRuntime rt(1, 1ms);
  Recorder obs;
  rt.set_observer(obs);
  EndpointId lb = kNoEndpoint;
  lb = rt.open(1, "load-balancer", [&](const Message& m) {
    const auto* req = std::any_cast<RequestMsg>(&m.body);
    REQUIRE(req != nullptr);
    rt.send(Message{lb, m.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                    RejectMsg{req->try_id, sent}});
  });
  Fixed chooser;
  chooser.target = CallTarget{lb, kNoInstance};
  RetryingCaller caller(rt, info(), chooser);
  caller.issue(Request{5});
  rt.advance(1s);
  REQUIRE(obs.done.size() == 1);
  CHECK(obs.done[0].cause == sent);
}

TEST_CASE("the request travels whole to the target and to the chooser", "[caller][data-plane]") {
  ManualRuntime rt(1, 1ms);
  Recorder obs;
  rt.set_observer(obs);
  std::vector<Request> received;
  EndpointId inst = kNoEndpoint;
  inst = rt.open(1, "instance", [&](const Message& m) {
    const auto* req = std::any_cast<RequestMsg>(&m.body);
    REQUIRE(req != nullptr);
    received.push_back(req->request);
    rt.send(Message{inst, m.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                    ResponseMsg{req->try_id}});
  });
  Fixed chooser;
  chooser.target = CallTarget{inst, 4};
  RetryingCaller caller(rt, info(), chooser);
  Request r;
  r.id = 9;
  r.hash_key = 123456789;
  r.route = 3;
  caller.issue(r);
  rt.advance(1s);
  REQUIRE(received.size() == 1);
  CHECK(received[0].id == 9);
  CHECK(received[0].hash_key == 123456789);
  CHECK(received[0].route == 3);
  CHECK(received[0].origin == caller.tag());  // an origin-less request gets the caller's tag
  REQUIRE(chooser.seen.size() == 1);
  CHECK(chooser.seen[0].hash_key == 123456789);
}

TEST_CASE("an intermediary's leg reports to its owner, its tries under the request's origin",
          "[caller][data-plane]") {
  ManualRuntime rt(1, 1ms);
  Recorder obs;
  rt.set_observer(obs);
  const EndpointId silent = rt.open(1, "instance", [](const Message&) {});
  Fixed chooser;
  chooser.target = CallTarget{silent, 4};
  Owner owner;
  RetryingCaller leg(rt, info(1), chooser, &owner);
  Request r;
  r.id = 11;
  r.origin = 7;  // the user-facing caller's tag
  leg.issue(r);
  rt.advance(1s);
  CHECK(obs.done.empty());  // not a user request
  REQUIRE(owner.finished.size() == 1);
  CHECK(owner.finished[0].first.id == 11);
  CHECK_FALSE(owner.finished[0].second.ok);
  CHECK(owner.finished[0].second.cause == FailureCause::retries_exhausted);
  CHECK(owner.finished[0].second.last_cause == FailureCause::timeout);
  CHECK(owner.finished[0].second.tries == 2);
  CHECK(obs.try_tags == std::vector<CallerTag>{7, 7});
  CHECK(leg.tag() == 0);  // no client group of its own
}

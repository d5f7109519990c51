#include "patterns/caller/retrying_caller.h"

#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

struct RecordingObserver final : Observer {
  std::vector<RequestOutcome> done;
  std::vector<InstanceId> tries;
  std::vector<CallerTag> try_tags;
  std::vector<std::string> opened;  // "<group>/<service>" per caller_opened
  ViewId view_opened(std::string_view, std::string_view) override { return 0; }
  CallerTag caller_opened(std::string_view group, std::string_view service) override {
    opened.push_back(std::string(group) + "/" + std::string(service));
    return static_cast<CallerTag>(opened.size() + 40);
  }
  void view_changed(ViewId, std::span<const InstanceId>) override {}
  void view_closed(ViewId) override {}
  void try_sent(InstanceId target, CallerTag tag) override {
    tries.push_back(target);
    try_tags.push_back(tag);
  }
  void request_done(const RequestOutcome& o) override { done.push_back(o); }
  void count(std::string_view, std::uint64_t) override {}
};

// Instances 1..n answer in a scripted way: "ok" after 10 ms, "reject", "reset" after 5 ms,
// "silent" or closed.
struct Backend {
  Backend(ManualRuntime& rt, InstanceId id, std::string behaviour)
      : rt(rt), id(id), behaviour(std::move(behaviour)) {
    ep = rt.open(1, "instance", [this](const Message& m) {
      const auto* req = std::any_cast<RequestMsg>(&m.body);
      ++received;
      if (this->behaviour == "ok") {
        const EndpointId to = m.from;
        const std::uint64_t t = req->try_id;
        this->rt.schedule(10ms, [this, to, t] {
          this->rt.send(Message{ep, to, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                                ResponseMsg{t}});
        });
      } else if (this->behaviour == "reject") {
        this->rt.send(Message{ep, m.from, kResponseBytes, Plane::data, DeliveryStatus::delivered,
                              RejectMsg{req->try_id, FailureCause::overloaded}});
      } else if (this->behaviour == "reset") {  // crashes 5 ms into serving it
        const EndpointId to = m.from;
        const std::uint64_t t = req->try_id;
        this->rt.schedule(5ms, [this, to, t] {
          this->rt.send(
              Message{ep, to, kResetBytes, Plane::data, DeliveryStatus::delivered, ResetMsg{t}});
        });
      }
    });
    if (this->behaviour == "closed") rt.close(ep);
  }
  ManualRuntime& rt;
  InstanceId id;
  std::string behaviour;
  EndpointId ep;
  int received = 0;
};

// Picks the first backend not yet tried, else the first one.
struct FirstUntried final : TargetChooser {
  std::vector<Backend*> backends;
  TargetChoice choose(const Request&, std::span<const InstanceId> tried) override {
    if (backends.empty()) return FailureCause::no_endpoint;
    for (Backend* b : backends) {
      if (std::find(tried.begin(), tried.end(), b->id) == tried.end())
        return CallTarget{b->ep, b->id};
    }
    return CallTarget{backends.front()->ep, backends.front()->id};
  }
};

struct Fixture {
  Fixture(std::uint32_t retries = 2) : rt(1, 1ms) {
    rt.set_observer(obs);
    info.name = "users-0";
    info.group = "users";
    info.host = 0;
    info.target_service = "web";
    info.try_timeout = 100ms;
    info.max_retries = retries;
  }
  ManualRuntime rt;
  RecordingObserver obs;
  CallerInfo info;
  FirstUntried chooser;
};

}  // namespace

TEST_CASE("a served request succeeds with its latency and one try", "[caller]") {
  Fixture f;
  Backend ok(f.rt, 7, "ok");
  f.chooser.backends = {&ok};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{42});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK(f.obs.done[0].ok);
  CHECK(f.obs.done[0].request_id == 42);
  CHECK(f.obs.done[0].tries == 1);
  CHECK(f.obs.done[0].finished - f.obs.done[0].started == 12ms);  // 1 ms each way + 10 ms
  CHECK(f.obs.tries == std::vector<InstanceId>{7});
  CHECK(caller.in_flight() == 0);
}

TEST_CASE("a refused try is retried on another instance at once", "[caller]") {
  Fixture f;
  Backend dead(f.rt, 1, "closed");
  Backend ok(f.rt, 2, "ok");
  f.chooser.backends = {&dead, &ok};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{1});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK(f.obs.done[0].ok);
  CHECK(f.obs.done[0].tries == 2);
  CHECK(f.obs.tries == std::vector<InstanceId>{1, 2});
  CHECK(f.obs.done[0].finished - f.obs.done[0].started ==
        2ms + 12ms);  // refusal round trip, then served
}

TEST_CASE("a silent instance costs a timeout before the retry", "[caller]") {
  Fixture f;
  Backend silent(f.rt, 1, "silent");
  Backend ok(f.rt, 2, "ok");
  f.chooser.backends = {&silent, &ok};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{1});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK(f.obs.done[0].ok);
  CHECK(f.obs.done[0].finished - f.obs.done[0].started == 100ms + 12ms);
}

TEST_CASE("when every try fails the cause is retries_exhausted, with the last try's cause kept",
          "[caller]") {
  Fixture f(2);
  Backend a(f.rt, 1, "reject");
  Backend b(f.rt, 2, "closed");
  Backend c(f.rt, 3, "silent");
  f.chooser.backends = {&a, &b, &c};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{1});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK_FALSE(f.obs.done[0].ok);
  CHECK(f.obs.done[0].tries == 3);
  CHECK(f.obs.done[0].cause == FailureCause::retries_exhausted);
  CHECK(f.obs.done[0].last_cause == FailureCause::timeout);
}

TEST_CASE("without retries the failure cause is the try's own", "[caller]") {
  Fixture f(0);
  Backend closed(f.rt, 1, "closed");
  f.chooser.backends = {&closed};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{1});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK(f.obs.done[0].cause == FailureCause::refused);
  CHECK(f.obs.done[0].tries == 1);
}

TEST_CASE("no endpoint fails at once, a late answer after a timeout is ignored", "[caller]") {
  Fixture f(0);
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{1});
  REQUIRE(f.obs.done.size() == 1);
  CHECK(f.obs.done[0].cause == FailureCause::no_endpoint);
  CHECK(f.obs.done[0].tries == 0);

  f.info.try_timeout = 5ms;  // shorter than the backend's 12 ms answer
  Backend slow(f.rt, 9, "ok");
  f.chooser.backends = {&slow};
  RetryingCaller hasty(f.rt, f.info, f.chooser);
  hasty.issue(Request{2});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 2);
  CHECK(f.obs.done[1].cause == FailureCause::timeout);
  CHECK(hasty.in_flight() == 0);
}

TEST_CASE("many requests in flight are kept apart", "[caller]") {
  Fixture f(0);
  Backend ok(f.rt, 1, "ok");
  f.chooser.backends = {&ok};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  for (std::uint64_t i = 0; i < 1000; ++i) caller.issue(Request{i});
  REQUIRE(caller.in_flight() == 1000);
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1000);
  std::map<std::uint64_t, int> seen;
  for (const auto& o : f.obs.done) {
    CHECK(o.ok);
    ++seen[o.request_id];
  }
  REQUIRE(seen.size() == 1000);
}

TEST_CASE("a caller's tries and outcomes carry the tag of its client group and service",
          "[caller][by-client]") {
  Fixture f;
  Backend dead(f.rt, 1, "closed");
  Backend ok(f.rt, 2, "ok");
  f.chooser.backends = {&dead, &ok};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  REQUIRE(f.obs.opened == std::vector<std::string>{"users/web"});
  CHECK(caller.tag() == 41);
  caller.issue(Request{1});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK(f.obs.done[0].caller == 41);
  CHECK(f.obs.try_tags == std::vector<CallerTag>{41, 41});
}

namespace {
// Waits until told; then answers like FirstUntried.
struct WaitingChooser final : TargetChooser {
  FirstUntried inner;
  bool waiting = true;
  std::function<void()> ready;
  TargetChoice choose(const Request& request, std::span<const InstanceId> tried) override {
    if (waiting) return WaitForTarget{};
    return inner.choose(request, tried);
  }
  void on_ready(std::function<void()> cb) override { ready = std::move(cb); }
  void release() {
    waiting = false;
    ready();
  }
};
}  // namespace

TEST_CASE("tries wait for the chooser, in order, and the wait counts in their latency",
          "[caller][wait]") {
  Fixture f(0);
  Backend ok(f.rt, 7, "ok");
  WaitingChooser chooser;
  chooser.inner.backends = {&ok};
  RetryingCaller caller(f.rt, f.info, chooser);
  REQUIRE(chooser.ready);  // the caller registered itself
  caller.issue(Request{1});
  f.rt.advance(50ms);
  caller.issue(Request{2});
  f.rt.advance(500ms);  // far beyond the 100 ms try timeout: a parked try has none
  CHECK(f.obs.done.empty());
  CHECK(f.obs.tries.empty());
  CHECK(caller.waiting() == 2);
  chooser.release();
  CHECK(caller.waiting() == 0);
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 2);
  CHECK(f.obs.done[0].request_id == 1);
  CHECK(f.obs.done[1].request_id == 2);
  for (const auto& o : f.obs.done) {
    CHECK(o.ok);
    CHECK(o.tries == 1);
  }
  CHECK(f.obs.done[0].finished - f.obs.done[0].started == 550ms + 12ms);
  CHECK(f.obs.done[1].finished - f.obs.done[1].started == 500ms + 12ms);
}

TEST_CASE("a reset try fails when the reset arrives, with cause reset, and is retried",
          "[caller][reset]") {
  Fixture f(0);
  Backend crashing(f.rt, 1, "reset");
  f.chooser.backends = {&crashing};
  RetryingCaller caller(f.rt, f.info, f.chooser);
  caller.issue(Request{1});
  f.rt.advance(1s);
  REQUIRE(f.obs.done.size() == 1);
  CHECK_FALSE(f.obs.done[0].ok);
  CHECK(f.obs.done[0].cause == FailureCause::reset);
  CHECK(f.obs.done[0].finished - f.obs.done[0].started == 7ms);  // not the 100 ms timeout
  CHECK(to_string(FailureCause::reset) == "reset");

  Fixture g(1);
  Backend again(g.rt, 1, "reset");
  Backend ok(g.rt, 2, "ok");
  g.chooser.backends = {&again, &ok};
  RetryingCaller retrying(g.rt, g.info, g.chooser);
  retrying.issue(Request{2});
  g.rt.advance(1s);
  REQUIRE(g.obs.done.size() == 1);
  CHECK(g.obs.done[0].ok);
  CHECK(g.obs.done[0].tries == 2);
  CHECK(g.obs.done[0].finished - g.obs.done[0].started == 7ms + 12ms);
}

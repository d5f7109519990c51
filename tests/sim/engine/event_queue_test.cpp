// EventQueue alone: order, FIFO ties, cancel and slot reuse.
#include "sim/engine/event_queue.h"

#include <catch2/catch.hpp>
#include <string>

#include "patterns/core/random.h"

using namespace discolab;

TEST_CASE("events come out by time, then in push order") {
  EventQueue<int> q;
  RandomStream r(3);
  std::vector<std::pair<std::int64_t, int>> pushed;
  for (int i = 0; i < 2000; ++i) {
    const auto t = static_cast<std::int64_t>(r.uniform_int(0, 50));
    q.push(SimTime{t}, int{i});
    pushed.emplace_back(t, i);
  }
  std::stable_sort(pushed.begin(), pushed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  SimTime at;
  int value = 0;
  for (const auto& [t, i] : pushed) {
    REQUIRE(q.pop_due(kNever, at, value));
    CHECK(at.count() == t);
    CHECK(value == i);
  }
  CHECK_FALSE(q.pop_due(kNever, at, value));
  CHECK(q.empty());
}

TEST_CASE("pop_due stops at the limit, inclusive") {
  EventQueue<std::string> q;
  q.push(SimTime{5}, "five");
  q.push(SimTime{10}, "ten");
  SimTime at;
  std::string s;
  CHECK(q.next_time() == SimTime{5});
  REQUIRE(q.pop_due(SimTime{5}, at, s));
  CHECK(s == "five");
  CHECK_FALSE(q.pop_due(SimTime{9}, at, s));
  CHECK(q.size() == 1);
  REQUIRE(q.pop_due(SimTime{10}, at, s));
  CHECK(q.next_time() == kNever);
}

TEST_CASE("cancel drops the payload at once and stale handles never match") {
  EventQueue<std::shared_ptr<int>> q;
  auto payload = std::make_shared<int>(1);
  const auto h = q.push(SimTime{1}, std::shared_ptr<int>(payload));
  CHECK(payload.use_count() == 2);
  CHECK(q.cancel(h));
  CHECK(payload.use_count() == 1);
  CHECK_FALSE(q.cancel(h));
  CHECK(q.size() == 0);
  CHECK(q.next_time() == kNever);  // the cancelled entry is discarded, its slot freed
  const auto reused = q.push(SimTime{2}, std::make_shared<int>(2));
  CHECK(reused != h);
  CHECK(q.find(h) == nullptr);
  REQUIRE(q.find(reused) != nullptr);
  CHECK(**q.find(reused) == 2);
  CHECK(q.find(0) == nullptr);
  CHECK(q.find(0x1234567800000001ull) == nullptr);
}

// EventQueue alone: order, FIFO ties, in-place payloads, cancel and slot reuse.
#include "sim/engine/event_queue.h"

#include <catch2/catch.hpp>
#include <string>

#include "patterns/core/random.h"

using namespace discolab;

namespace {

template <class T>
typename EventQueue<T>::Handle push(EventQueue<T>& q, SimTime at, T value) {
  T* p = nullptr;
  const auto h = q.push(at, p);
  *p = std::move(value);
  return h;
}

// Pops the next due event's payload (moved out) and frees its slot.
template <class T>
bool pop(EventQueue<T>& q, SimTime limit, SimTime& at, T& out) {
  std::uint32_t slot = 0;
  if (!q.pop_due(limit, at, slot)) return false;
  out = std::move(q.payload(slot));
  q.release(slot);
  return true;
}

}  // namespace

TEST_CASE("events come out by time, then in push order") {
  EventQueue<int> q;
  RandomStream r(3);
  std::vector<std::pair<std::int64_t, int>> pushed;
  for (int i = 0; i < 2000; ++i) {
    const auto t = static_cast<std::int64_t>(r.uniform_int(0, 50));
    push(q, SimTime{t}, i);
    pushed.emplace_back(t, i);
  }
  std::stable_sort(pushed.begin(), pushed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  SimTime at{};
  int value = 0;
  for (const auto& [t, i] : pushed) {
    REQUIRE(pop(q, kNever, at, value));
    CHECK(at.count() == t);
    CHECK(value == i);
  }
  CHECK_FALSE(pop(q, kNever, at, value));
  CHECK(q.empty());
}

TEST_CASE("pop_due stops at the limit, inclusive") {
  EventQueue<std::string> q;
  push(q, SimTime{5}, std::string("five"));
  push(q, SimTime{10}, std::string("ten"));
  SimTime at{};
  std::string s;
  CHECK(q.next_time() == SimTime{5});
  REQUIRE(pop(q, SimTime{5}, at, s));
  CHECK(s == "five");
  CHECK_FALSE(pop(q, SimTime{9}, at, s));
  CHECK(q.size() == 1);
  REQUIRE(pop(q, SimTime{10}, at, s));
  CHECK(q.next_time() == kNever);
}

TEST_CASE("a payload stays in place while thousands of events are pushed") {
  EventQueue<int> q;
  push(q, SimTime{1}, 7);
  SimTime at{};
  std::uint32_t slot = 0;
  REQUIRE(q.pop_due(kNever, at, slot));
  const int* before = &q.payload(slot);
  for (int i = 0; i < 5000; ++i) push(q, SimTime{2}, i);
  CHECK(&q.payload(slot) == before);
  CHECK(q.payload(slot) == 7);
  q.release(slot);
  CHECK(q.size() == 5000);
}

TEST_CASE("cancel clears the payload at once and stale handles never match") {
  EventQueue<std::shared_ptr<int>> q;
  auto payload = std::make_shared<int>(1);
  const auto h = push(q, SimTime{1}, std::shared_ptr<int>(payload));
  CHECK(payload.use_count() == 2);
  auto clear = [](std::shared_ptr<int>& p) { p.reset(); };
  CHECK(q.cancel(h, clear));
  CHECK(payload.use_count() == 1);
  CHECK_FALSE(q.cancel(h, clear));
  CHECK(q.size() == 0);
  CHECK(q.next_time() == kNever);  // the cancelled entry is discarded, its slot freed
  const auto reused = push(q, SimTime{2}, std::make_shared<int>(2));
  CHECK(reused != h);
  CHECK(q.find(h) == nullptr);
  REQUIRE(q.find(reused) != nullptr);
  CHECK(**q.find(reused) == 2);
  CHECK(q.find(0) == nullptr);
  CHECK(q.find(0x1234567800000001ull) == nullptr);
}

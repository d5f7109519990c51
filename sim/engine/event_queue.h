// A time-ordered event queue with O(1) cancel, the core of the fast engine.
//
// The heap holds small POD entries {time, seq:slot} (16 bytes) in a 4-ary min-heap ordered by
// (time, seq); seq grows with every push, so events at equal times come out in push order
// (FIFO). Payloads live in slots that never move (StableVector): callers fill a payload in
// place at push and run it in place after pop, so an event's payload is never copied or moved,
// and slots are reused through a free list, so a steady run allocates nothing per event beyond
// what the payload itself owns. cancel() disarms the slot and clears its payload at once; the
// heap entry stays until it reaches the top (lazy deletion), and only then is the slot freed
// and its generation bumped, so a stale handle never matches a reused slot. Handles are
// (generation << 32 | slot + 1): never 0 (kNoTimer).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "patterns/core/time.h"
#include "sim/engine/stable_vector.h"

namespace discolab {

template <class Payload>
class EventQueue {
 public:
  using Handle = std::uint64_t;

  // Adds an event at absolute time `at` and returns its handle; `payload` points to the slot's
  // payload for the caller to fill in place. It stays valid until release(), whatever is pushed
  // meanwhile.
  Handle push(SimTime at, Payload*& payload) {
    std::uint32_t slot;
    if (free_.empty()) {
      if (slots_.size() > kMaxSlot) throw std::length_error("EventQueue: too many pending events");
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.emplace_back();
    } else {
      slot = free_.back();
      free_.pop_back();
    }
    Slot& s = slots_[slot];
    s.armed = true;
    ++live_;
    heap_.push_back(Entry{at.count(), (next_seq_++ << kSlotBits) | slot});
    sift_up(heap_.size() - 1);
    payload = &s.payload;
    return (static_cast<Handle>(s.generation) << 32) | (static_cast<Handle>(slot) + 1);
  }

  // The payload of a pending event, or nullptr for a fired, cancelled or unknown handle.
  Payload* find(Handle h) {
    const std::uint64_t low = h & 0xffffffffu;
    if (low == 0 || low > slots_.size()) return nullptr;
    Slot& s = slots_[low - 1];
    return s.armed && s.generation == (h >> 32) ? &s.payload : nullptr;
  }

  // Disarms a pending event; `clear` empties its payload at once (the slot itself is reused
  // only once its heap entry surfaces).
  template <class Clear>
  bool cancel(Handle h, Clear&& clear) {
    Payload* p = find(h);
    if (p == nullptr) return false;
    clear(*p);
    slots_[(h & 0xffffffffu) - 1].armed = false;
    --live_;
    return true;
  }

  // Time of the earliest pending event, or kNever.
  SimTime next_time() {
    drop_cancelled_top();
    return heap_.empty() ? kNever : SimTime{heap_.front().at};
  }

  // If the earliest pending event is due at or before `limit`, takes it off the queue and
  // returns true with its time and slot: its payload() stays valid until release(slot).
  bool pop_due(SimTime limit, SimTime& at, std::uint32_t& slot) {
    drop_cancelled_top();
    if (heap_.empty() || heap_.front().at > limit.count()) return false;
    slot = slot_of(heap_.front());
    at = SimTime{heap_.front().at};
    pop_top();
    slots_[slot].armed = false;
    --live_;
    return true;
  }
  Payload& payload(std::uint32_t slot) { return slots_[slot].payload; }
  // Makes a popped slot reusable; its handle no longer matches.
  void release(std::uint32_t slot) {
    Slot& s = slots_[slot];
    ++s.generation;
    free_.push_back(slot);
  }

  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

 private:
  // 16 bytes: the push sequence number (40 bits, 10^12 events a run) above the slot (24 bits,
  // 16 million pending events); ordering by key is ordering by sequence.
  struct Entry {
    std::int64_t at;
    std::uint64_t key;
  };
  static constexpr unsigned kSlotBits = 24;
  static constexpr std::uint64_t kMaxSlot = (std::uint64_t{1} << kSlotBits) - 1;
  static std::uint32_t slot_of(const Entry& e) {
    return static_cast<std::uint32_t>(e.key & kMaxSlot);
  }
  struct Slot {  // the flags first: on the payload's first cache line
    std::uint32_t generation = 1;
    bool armed = false;
    Payload payload{};
  };
  static constexpr std::size_t kArity = 4;

  static bool earlier(const Entry& a, const Entry& b) {
    return a.at != b.at ? a.at < b.at : a.key < b.key;
  }

  void drop_cancelled_top() {
    while (!heap_.empty() && !slots_[slot_of(heap_.front())].armed) {
      const std::uint32_t slot = slot_of(heap_.front());
      pop_top();
      release(slot);
    }
  }
  void sift_up(std::size_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!earlier(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  void pop_top() {
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (earlier(heap_[c], heap_[best])) best = c;
      }
      if (!earlier(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
  }

  std::vector<Entry> heap_;
  StableVector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace discolab

// A vector whose elements never move: fixed chunks of 1024, indexed by shift and mask.
//
// The engines keep event payloads and endpoint handlers here because a callback running from
// one element may append others (schedule a timer, open an endpoint) while it runs; a
// std::vector would move the running element, and std::deque's 512-byte blocks hold only a
// handful of these elements, which makes indexing slower.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace discolab {

template <class T>
class StableVector {
 public:
  T& operator[](std::size_t i) { return chunks_[i >> kShift][i & kMask]; }
  const T& operator[](std::size_t i) const { return chunks_[i >> kShift][i & kMask]; }
  std::size_t size() const { return size_; }

  // Appends a default-constructed element and returns it.
  T& emplace_back() {
    if ((size_ & kMask) == 0) chunks_.push_back(std::make_unique<T[]>(std::size_t{1} << kShift));
    return (*this)[size_++];
  }

 private:
  static constexpr std::size_t kShift = 10;
  static constexpr std::size_t kMask = (std::size_t{1} << kShift) - 1;
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

}  // namespace discolab

#include "sim/engine/fast_engine.h"

namespace discolab {

FastEngine::FastEngine(const Platform& platform, std::uint64_t seed)
    : EngineCore("fast", platform, seed) {}

void FastEngine::send(Message msg) {
  Pending p;
  p.kind = Pending::Kind::arrival;
  HostId src = kNoHost;
  HostId dst = kNoHost;
  if (!accept(std::move(msg), p.flight, src, dst)) return;
  const Duration delay = platform_.delay(src, dst, p.flight.msg.size_bytes);
  queue_.push(now_ + delay, std::move(p));
}

void FastEngine::run_until(SimTime end) {
  check_run_target(end);
  SimTime at;
  while (queue_.pop_due(end, at, scratch_)) dispatch(at, scratch_);
  now_ = end;
}

}  // namespace discolab

#include "sim/engine/fast_engine.h"

namespace discolab {

FastEngine::FastEngine(const Platform& platform, std::uint64_t seed)
    : EngineCore("fast", platform, seed) {}

void FastEngine::send(Message msg) {
  HostId src = kNoHost;
  HostId dst = kNoHost;
  if (!accept(msg, src, dst)) return;
  push_arrival(now_ + platform_.delay(src, dst, msg.size_bytes), std::move(msg), src, dst);
}

void FastEngine::run_until(SimTime end) {
  check_run_target(end);
  run_due(end);
  now_ = end;
}

}  // namespace discolab

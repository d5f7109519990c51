#include "sim/engine/simgrid_engine.h"

#include <cmath>
#include <limits>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <stdexcept>

namespace discolab {

namespace s4u = simgrid::s4u;

struct SimGridEngine::Comms {
  std::vector<s4u::CommPtr> list;
};

namespace {

SimTime clock_now() { return SimTime{std::llround(s4u::Engine::get_clock() * 1e9)}; }

}  // namespace

SimGridEngine::SimGridEngine(const Platform& platform, std::uint64_t seed)
    : EngineCore("simgrid", platform, seed),
      hosts_(instantiate_in_simgrid(platform_)),
      comms_(std::make_unique<Comms>()) {}

SimGridEngine::~SimGridEngine() {
  // Comms still in flight when the simulation stops: cancel them so that SimGrid does not
  // complain that they were freed unfinished.
  for (auto& c : comms_->list) c->cancel();
}

void SimGridEngine::send(Message msg) {
  HostId src = kNoHost;
  HostId dst = kNoHost;
  if (!accept(msg, src, dst)) return;
  if (src == dst || msg.size_bytes == 0) {
    push_arrival(now_ + platform_.latency(src, dst), std::move(msg), src, dst);
    return;
  }
  comms_->list.push_back(
      s4u::Comm::sendto_async(hosts_.hosts[src], hosts_.hosts[dst], msg.size_bytes));
  load_flight(flights_.emplace_back(), std::move(msg), src, dst);
}

void SimGridEngine::host_state_changed(HostId host, bool up) {
  if (up) {
    hosts_.hosts[host]->turn_on();
  } else {
    hosts_.hosts[host]->turn_off();
  }
}

void SimGridEngine::run_until(SimTime end) {
  check_run_target(end);
  end_ = end;
  controller_running_ = true;
  s4u::Actor::create("discolab-controller", hosts_.controller, [this] {
    control_loop();
    controller_running_ = false;
  });
  s4u::Engine* e = s4u::Engine::get_instance();
  const double end_s = to_seconds(end);
  // SimGrid's run_until may return a few microseconds short of its date (within its own
  // precision) while events remain before it: ask again until the clock gets there.
  for (int i = 0; controller_running_ && i < 1000 && s4u::Engine::get_clock() < end_s; ++i) {
    e->run_until(end_s);
  }
  // The controller's last wake-up may land an ulp after `end` in SimGrid's double clock.
  for (int i = 0; controller_running_ && i < 1000; ++i) {
    e->run_until(std::nextafter(s4u::Engine::get_clock(), std::numeric_limits<double>::max()));
  }
  if (controller_running_) {
    throw std::logic_error("simgrid engine: controller did not stop at " + std::to_string(end_s) +
                           " s (SimGrid clock " + std::to_string(s4u::Engine::get_clock()) + " s)");
  }
  now_ = end;
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void SimGridEngine::control_loop() {
  try {
    for (;;) {
      const SimTime next = queue_.next_time();
      const SimTime wake = next < end_ ? next : end_;
      std::ptrdiff_t done = -1;
      if (!wait_until(wake, done)) continue;  // comms failed: dropped, look again
      if (done >= 0) {
        complete(static_cast<std::size_t>(done));
        continue;
      }
      if (wake > now_) now_ = wake;
      if (next > end_) return;
      run_due(now_);
    }
  } catch (const simgrid::ForcefulKillException&) {
    throw;  // SimGrid unwinding the actor: not ours to stop
  } catch (...) {
    error_ = std::current_exception();
  }
}

// Waits until `wake` or the first comm to complete (its index in `done`). Returns false when
// comms failed instead (they are dropped).
bool SimGridEngine::wait_until(SimTime wake, std::ptrdiff_t& done) {
  auto& list = comms_->list;
  const double timeout = to_seconds(wake) - s4u::Engine::get_clock();
  try {
    if (list.empty()) {
      if (timeout > 0) s4u::this_actor::sleep_for(timeout);
      done = -1;
    } else if (wake <= now_ || timeout <= 0) {
      done = s4u::Comm::test_any(list);
    } else {
      done = s4u::Comm::wait_any_for(list, timeout);
    }
  } catch (const simgrid::NetworkFailureException&) {
    drop_failed();
    return false;
  }
  return true;
}

void SimGridEngine::complete(std::size_t index) {
  auto& list = comms_->list;
  Flight flight = std::move(flights_[index]);
  // erase, not swap-remove: comms finishing together then complete in send order
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
  flights_.erase(flights_.begin() + static_cast<std::ptrdiff_t>(index));
  const SimTime at = clock_now();
  arrive_at(at > now_ ? at : now_, flight);
}

void SimGridEngine::drop_failed() {
  auto& list = comms_->list;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto state = list[i]->get_state();
    if (state == s4u::Activity::State::FAILED || state == s4u::Activity::State::CANCELED) {
      ++dropped_;
      ++events_;
      continue;
    }
    if (kept != i) {
      list[kept] = std::move(list[i]);
      flights_[kept] = std::move(flights_[i]);
    }
    ++kept;
  }
  list.resize(kept);
  flights_.resize(kept);
}

}  // namespace discolab

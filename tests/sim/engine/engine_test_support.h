// Shared by the engine tests: a small leaf-spine platform, the engine kinds for
// TEMPLATE_TEST_CASE, and a seeded workload whose event trace shows any nondeterminism.
#pragma once

#include <any>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/engine.h"

namespace discolab::testing {

// 2 racks × 2 hosts; host links 50 µs, 10 Gbit/s; spine links 100 µs, 40 Gbit/s.
inline Platform small_leaf_spine() {
  PlatformSpec spec;
  spec.topology = Topology::leaf_spine;
  spec.racks = 2;
  spec.hosts_per_rack = 2;
  spec.host_link = LinkSpec{std::chrono::microseconds(50), 10e9};
  spec.spine_link = LinkSpec{std::chrono::microseconds(100), 40e9};
  return make_platform(spec);
}

struct Fast {
  static constexpr const char* kName = "fast";
};
struct SimGrid {
  static constexpr const char* kName = "simgrid";
};

template <class Kind>
std::unique_ptr<Engine> make_test_engine(std::uint64_t seed = 7) {
  return make_engine(Kind::kName, small_leaf_spine(), seed);
}

// A message without a body (Message is an aggregate whose std::any -Wextra wants spelled out).
inline Message msg(EndpointId from, EndpointId to, std::uint32_t size_bytes,
                   Plane plane = Plane::data) {
  Message m;
  m.from = from;
  m.to = to;
  m.size_bytes = size_bytes;
  m.plane = plane;
  return m;
}

// Clients on every host send requests of random sizes at random times to servers on random
// hosts, which answer; one server closes halfway (refusals) and one host fails for a while.
// Returns one line per event seen by a handler or timer.
inline std::vector<std::string> run_workload(Engine& e) {
  using namespace std::chrono_literals;
  std::vector<std::string> trace;
  auto log = [&](const std::string& what) {
    trace.push_back(std::to_string(e.now().count()) + " " + what);
  };
  const auto hosts = static_cast<HostId>(e.platform().host_count());
  std::vector<EndpointId> servers;
  for (HostId h = 0; h < hosts; ++h) {
    const EndpointId self = static_cast<EndpointId>(servers.size());
    servers.push_back(e.open(h, "server", [&e, &log, self](const Message& m) {
      log("server" + std::to_string(self) + " got " + std::to_string(std::any_cast<int>(m.body)));
      e.send(Message{m.to, m.from, m.size_bytes / 2 + 100, Plane::data, {}, m.body});
    }));
  }
  std::vector<RandomStream> streams;
  for (HostId h = 0; h < hosts; ++h)
    streams.push_back(e.random("client" + std::to_string(h), "load"));
  int next_id = 0;
  for (HostId h = 0; h < hosts; ++h) {
    const EndpointId client = e.open(h, "client", [&log, h](const Message& m) {
      log("client" + std::to_string(h) +
          (m.status == DeliveryStatus::refused ? " refused " : " answer ") +
          std::to_string(std::any_cast<int>(m.body)));
    });
    auto tick = std::make_shared<std::function<void()>>();
    *tick = [&e, &streams, &servers, &next_id, client, h, tick = tick.get()] {
      RandomStream& r = streams[h];
      const EndpointId to = servers[r.uniform_int(0, servers.size() - 1)];
      const auto size =
          static_cast<std::uint32_t>(r.uniform_int(0, 3) == 0 ? 0 : r.uniform_int(1, 2'000'000));
      e.send(Message{client, to, size, Plane::data, {}, std::any(next_id++)});
      e.schedule(r.exponential_duration(1ms), *tick);
    };
    e.schedule(0ms, *tick);
    // keep the closure alive for the whole run
    e.schedule(1h, [tick] {});
  }
  e.schedule(20ms, [&] {
    e.close(servers[1]);
    log("close server1");
  });
  e.schedule(30ms, [&] {
    e.set_host_up(2, false);
    log("host2 down");
  });
  e.schedule(35ms, [&] {
    e.set_host_up(2, true);
    log("host2 up");
  });
  e.run_until(25ms);
  e.run_until(50ms);
  log("dropped " + std::to_string(e.messages_dropped()) + " refused " +
      std::to_string(e.messages_refused()) + " events " + std::to_string(e.events_processed()));
  return trace;
}

}  // namespace discolab::testing

// The simulated platform: hosts, the links between them, and the delay of a message on each
// route (docs/architecture.md, decision 2).
//
// Hosts are numbered 0..host_count()-1 (the HostId of the runtime). Each host hangs off one
// attachment point (a switch for generated topologies) by its access link; attachment points
// are joined by core routes, precomputed for every ordered pair. So a route is
//   src access link + core route(attach(src), attach(dst)) + dst access link
// and its model is the sum of the latencies and the smallest bandwidth (the bottleneck):
//   delay(src, dst, size_bytes) = latency + size_bytes * 8 / bandwidth_bps.
// Storing core routes per attachment pair keeps memory small for 10 000 hosts on 100 racks.
// A message between two endpoints of one host takes kLoopbackLatency and no bandwidth term.
//
// Platforms come from make_platform(): star and leaf-spine are generated with Boost.Graph
// (topology.h) without SimGrid; topology: file loads a SimGrid platform XML in this process's
// SimGrid engine and copies SimGrid's own routes (simgrid_session.h), so both engines agree.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/core/ids.h"
#include "patterns/core/time.h"
#include "sim/scenario/scenario.h"

namespace discolab {

// One-way latency between two endpoints on the same host (container to container through the
// host's bridge). Measured veth/bridge hops are 5-20 µs; 10 µs keeps it well below any
// network hop. Same-host messages are not charged bandwidth.
inline constexpr Duration kLoopbackLatency = std::chrono::microseconds(10);

inline constexpr double kUnlimitedBandwidth = std::numeric_limits<double>::infinity();

// Latency and bottleneck bandwidth of a route (or a piece of one).
struct RouteModel {
  Duration latency{};
  double bandwidth_bps = kUnlimitedBandwidth;
};

// Nanoseconds to put one byte on a link of `bandwidth_bps` (0 for unlimited bandwidth).
inline double ns_per_byte(double bandwidth_bps) { return 8e9 / bandwidth_bps; }
// size_bytes * ns_per_byte, rounded half up to the nanosecond. Platform::delay() precomputes
// ns_per_byte per link (a multiplication per message instead of a division, and no llround).
inline Duration transfer_time(std::uint64_t size_bytes, double ns_per_byte) {
  return Duration{static_cast<std::int64_t>(static_cast<double>(size_bytes) * ns_per_byte + 0.5)};
}

// A physical link of a generated topology, for building the SimGrid zones.
struct NetworkLink {
  std::string name;
  Duration latency{};
  double bandwidth_bps = 0;
};

// A link on a core route; `forward` when crossed from its first to its second end (SimGrid's
// UP direction of a split-duplex link).
struct LinkHop {
  std::uint32_t link = 0;
  bool forward = true;
};

// Everything a Platform is made of; filled by topology.cpp or simgrid_session.cpp and checked
// by the Platform constructor.
struct PlatformParts {
  struct Host {
    std::string name;
    std::uint32_t zone = 0;         // rack index (star: 0)
    std::uint32_t attach = 0;       // index into attach_names
    RouteModel access;              // host <-> its attachment point
    std::uint32_t access_link = 0;  // index into links (generated topologies only)
  };
  std::vector<Host> hosts;
  std::vector<std::string> attach_names;  // switches (file: one per host, the host itself)
  std::vector<RouteModel> core;           // attach_names.size()², row = source
  // Generated topologies only: the links, and the hops of each core route (same indexing).
  std::vector<NetworkLink> links;
  std::vector<std::vector<LinkHop>> core_hops;
  std::uint32_t zone_count = 1;
  double host_speed_flops = 1e9;
  Topology topology = Topology::star;
  std::string file;  // topology: file
};

class Platform {
 public:
  explicit Platform(PlatformParts parts);

  std::size_t host_count() const { return legs_.size(); }
  const std::string& host_name(HostId host) const { return parts_.hosts.at(host).name; }
  // kNoHost when no host has that name.
  HostId host_by_name(std::string_view name) const;
  std::uint32_t zone_of(HostId host) const { return parts_.hosts.at(host).zone; }
  std::uint32_t zone_count() const { return parts_.zone_count; }
  double host_speed_flops() const { return parts_.host_speed_flops; }
  Topology topology() const { return parts_.topology; }
  const std::string& file() const { return parts_.file; }
  const PlatformParts& parts() const { return parts_; }

  // The route's latency and bottleneck bandwidth; same host: kLoopbackLatency, unlimited.
  RouteModel route(HostId src, HostId dst) const;

  // Hot path of the fast engine: no bounds checks (callers pass valid host ids).
  Duration delay(HostId src, HostId dst, std::uint64_t size_bytes) const {
    if (src == dst) return kLoopbackLatency;
    const Leg& a = legs_[src];
    const Leg& b = legs_[dst];
    const Leg& c = core_legs_[a.attach * attach_count_ + b.attach];
    double per_byte = a.ns_per_byte > b.ns_per_byte ? a.ns_per_byte : b.ns_per_byte;
    if (c.ns_per_byte > per_byte) per_byte = c.ns_per_byte;
    return a.latency + c.latency + b.latency + transfer_time(size_bytes, per_byte);
  }
  Duration latency(HostId src, HostId dst) const {
    if (src == dst) return kLoopbackLatency;
    const Leg& a = legs_[src];
    const Leg& b = legs_[dst];
    return a.latency + core_legs_[a.attach * attach_count_ + b.attach].latency + b.latency;
  }

 private:
  // A piece of a route in the form the hot path wants: hosts' access links (attach: the
  // host's attachment point) and core routes (attach unused).
  struct Leg {
    Duration latency{};
    double ns_per_byte = 0;
    std::uint32_t attach = 0;
  };
  static Leg leg(const RouteModel& r, std::uint32_t attach) {
    return Leg{r.latency, ns_per_byte(r.bandwidth_bps), attach};
  }

  PlatformParts parts_;
  std::vector<Leg> legs_;       // by host
  std::vector<Leg> core_legs_;  // like parts_.core
  std::size_t attach_count_ = 0;
  std::vector<HostId> by_name_;  // host ids sorted by name (indices stay valid when copied)
};

// Builds the platform a scenario describes. star and leaf-spine need no SimGrid; file loads
// the XML into this process's SimGrid engine (see simgrid_session.h for what that implies).
// Throws std::invalid_argument on a spec that cannot be built (0 racks, bandwidth <= 0 …).
Platform make_platform(const PlatformSpec& spec);

// make_platform for a loaded scenario, as `validate` and `run` call it: a platform file SimGrid
// cannot read (broken XML, unknown elements or attributes) is bad input, reported as a
// ScenarioError at the XML file and line SimGrid names ("two-sites.xml:12: …").
Platform load_checked_platform(const Scenario& scenario);

}  // namespace discolab

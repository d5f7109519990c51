// This process's SimGrid engine, and the platform in it.
//
// SimGrid allows one s4u::Engine per process: a second one aborts, and a re-created one keeps
// the old clock and configuration (docs/architecture.md, decision 2). So the engine is created
// here, once, on first use, configured and silenced, and never destroyed; everything that needs
// SimGrid (loading an XML platform, the simgrid engine) goes through this file.
//
// Configuration, set before any platform exists, so that a lone message on an idle route takes
// exactly latency + size / bandwidth, as in the fast engine:
//   network/model:CM02        latency and bandwidth factors of 1 (the default LV08 multiplies
//                             latency by 13.01 and bandwidth by 0.97 to mimic TCP slow start)
//   network/TCP-gamma:0       no TCP window bound on the rate of long-latency routes
//   network/crosstraffic:0    no ACK traffic charged on the reverse direction
// and logging at root.thresh:critical (SimGrid logs to stderr; nothing goes to stdout). Set the
// environment variable DISCOLAB_SIMGRID_LOG (e.g. "root.thresh:info") to see SimGrid's logs.
//
// Rules for a process:
// - load_simgrid_platform() may load one XML file (again and again: the same file is cached);
// - instantiate_in_simgrid() may be called once: for a generated platform it builds the zones
//   (nothing may have been loaded before), for a file platform it must be the loaded file.
// Violations throw std::logic_error. Run one simulation per process; batches start children.
#pragma once

#include <string>
#include <vector>

#include "sim/platform/platform.h"

namespace simgrid::s4u {
class Host;
}

namespace discolab {

// The platform's hosts in SimGrid, indexed by HostId, and one more host outside the platform
// (no links, no routes) that runs the simgrid engine's controller actor, so that turning any
// platform host off never kills the controller.
struct SimGridHosts {
  std::vector<simgrid::s4u::Host*> hosts;
  simgrid::s4u::Host* controller = nullptr;
};

// Loads a SimGrid platform XML into this process's SimGrid engine and copies its hosts (in name
// order, so HostIds follow host names), their zones (index of the enclosing netzone, in order of
// first appearance) and every route's latency and bottleneck bandwidth from SimGrid's own
// routing (Host::route_to). Host speed: the first host's. Memory and time grow with hosts²:
// meant for hand-written platforms of up to a few thousand hosts. A route missing from the XML
// makes SimGrid abort, as it would in a SimGrid run.
PlatformParts load_simgrid_platform(const std::string& path);

// Puts `platform` into this process's SimGrid engine (see the rules above).
SimGridHosts instantiate_in_simgrid(const Platform& platform);

}  // namespace discolab

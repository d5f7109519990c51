// What a pattern learns of the cluster it runs in: the hosts, their racks (zones) and which
// hosts the scenario keeps for the pattern's own components (pattern context, decision 5).
//
// The pattern factory builds it from the platform and `platform.reserved` and hands it to the
// patterns that place components per host (a node-local DNS cache, a per-host proxy) or on
// hosts of their own (an LB, a gateway). Hosts are listed by id, 0 … n − 1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "patterns/core/ids.h"

namespace discolab {

struct PatternHost {
  HostId id = kNoHost;
  std::string name;
  std::uint32_t zone = 0;    // the rack (leaf) the host hangs off
  std::string reserved_for;  // "" when containers may run on it; else the role: "load-balancer" …
};

struct PatternContext {
  std::vector<PatternHost> hosts;

  // Hosts containers may run on (not reserved), in id order.
  std::vector<HostId> container_hosts() const {
    std::vector<HostId> out;
    for (const PatternHost& h : hosts)
      if (h.reserved_for.empty()) out.push_back(h.id);
    return out;
  }
  // The first host reserved for `role`, or kNoHost.
  HostId reserved(std::string_view role) const {
    for (const PatternHost& h : hosts)
      if (h.reserved_for == role) return h.id;
    return kNoHost;
  }
};

}  // namespace discolab

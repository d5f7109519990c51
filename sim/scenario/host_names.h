// The names of the hosts a platform has, as the platform builder names them: "rack<r>-host<h>"
// for leaf-spine, "host<h>" for star, numbered from 0. The loader checks host references
// (host failures, the registry host) against them; the builder uses the same function so the
// two cannot disagree.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace discolab {

// In platform order (rack by rack). Empty for Topology::file: those names come from the XML
// and are checked when the platform is built.
std::vector<std::string> platform_host_names(const PlatformSpec& platform);

// "leaf-spine, 2 racks × 4 hosts: rack0-host0 … rack1-host3" — for error messages.
std::string describe_platform_hosts(const PlatformSpec& platform);

}  // namespace discolab

#include "sim/scenario/host_names.h"

#include "sim/scenario/enum_names.h"

namespace discolab {

std::vector<std::string> platform_host_names(const PlatformSpec& platform) {
  std::vector<std::string> names;
  switch (platform.topology) {
    case Topology::leaf_spine:
      for (int r = 0; r < platform.racks; ++r)
        for (int h = 0; h < platform.hosts_per_rack; ++h)
          names.push_back("rack" + std::to_string(r) + "-host" + std::to_string(h));
      break;
    case Topology::star:
      for (int h = 0; h < platform.hosts_per_rack; ++h) names.push_back("host" + std::to_string(h));
      break;
    case Topology::file:
      break;
  }
  return names;
}

std::string describe_platform_hosts(const PlatformSpec& platform) {
  const auto names = platform_host_names(platform);
  std::string text(to_string(platform.topology));
  if (platform.topology == Topology::leaf_spine)
    text += ", " + std::to_string(platform.racks) + " racks × " +
            std::to_string(platform.hosts_per_rack) + " hosts";
  else if (platform.topology == Topology::star)
    text += ", " + std::to_string(platform.hosts_per_rack) + " hosts";
  if (names.empty()) return text + ": no hosts known before the platform file is read";
  text += ": " + names.front();
  if (names.size() > 1) text += (names.size() > 2 ? " … " : ", ") + names.back();
  return text;
}

}  // namespace discolab

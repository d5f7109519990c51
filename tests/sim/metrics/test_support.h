// Small helpers shared by the metrics tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "patterns/core/time.h"

namespace discolab::metrics::test {

inline SimTime at(double seconds) { return from_seconds(seconds); }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace discolab::metrics::test

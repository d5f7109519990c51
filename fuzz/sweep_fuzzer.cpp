// The sweep loader: YAML text → validated sweep → its plan's points. Every input must end in
// a sweep or a ScenarioError with a message; the points must be as many as the product of the
// axes and index real values.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/batch/sweep.h"
#include "sim/scenario/scenario_error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace discolab;
  batch::Sweep sweep;
  try {
    sweep = batch::parse_sweep(std::string(reinterpret_cast<const char*>(data), size),
                               "fuzz-sweep.yaml");
  } catch (const ScenarioError& e) {
    if (std::string_view(e.what()).empty()) __builtin_trap();
    return 0;
  }
  std::size_t expected = 1;
  for (const auto& axis : sweep.axes) expected *= sweep.parameters[axis.front()].values.size();
  const auto points = batch::expand_points(sweep);
  if (points.size() != expected) __builtin_trap();
  for (const auto& point : points)
    for (std::size_t p = 0; p < point.size(); ++p)
      if (point[p] >= sweep.parameters[p].values.size()) __builtin_trap();
  return 0;
}

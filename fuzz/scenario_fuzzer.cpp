// The scenario loader: YAML text → validated scenario, with --set overrides. The input's
// leading lines that start with "#set " are overrides (as --set takes them); the rest is the
// scenario. Every input must end in a Scenario or a ScenarioError (a clear message): any other
// exception, a crash, a leak or undefined behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  constexpr std::string_view kSet = "#set ";
  while (text.starts_with(kSet)) {
    const std::size_t nl = text.find('\n');
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    overrides.emplace_back(text.substr(kSet.size(), end - kSet.size()));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  try {
    (void)discolab::parse_scenario(std::string(text), "fuzz.yaml", overrides);
  } catch (const discolab::ScenarioError& e) {
    if (std::string_view(e.what()).empty()) __builtin_trap();  // an error must say something
  }
  return 0;
}

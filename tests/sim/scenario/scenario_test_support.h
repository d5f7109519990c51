// Helpers shared by the scenario tests: paths into tests/data/scenarios, temporary files, and
// the message of the error a load is expected to throw.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario_loader.h"

namespace discolab::test {

inline std::string scenario_data(const std::string& relative) {
  return std::string(DISCOLAB_SOURCE_DIR) + "/tests/data/scenarios/" + relative;
}

// A file under a per-process temporary folder, overwritten on each call.
inline std::string write_temp_file(const std::string& name, const std::string& text) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("discolab_scenario_tests_" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// The ScenarioError a load throws; fails the test when the load succeeds.
inline ScenarioError load_error(const std::string& path,
                                const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario(path, overrides);
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("expected " << path << " to be rejected");
  throw std::logic_error("unreachable");
}

inline ScenarioError text_error(const std::string& yaml,
                                const std::vector<std::string>& overrides = {}) {
  return load_error(write_temp_file("inline.yaml", yaml), overrides);
}

}  // namespace discolab::test

// Runs the real `discolab` binary in a shell and captures its exit code and outputs.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace discolab::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `args` is appended to the binary's path as shell words; run from the source tree, or from
// `cwd` (relative to the source tree, or absolute) when given.
inline CommandResult run_discolab(const std::string& args, const std::string& cwd = ".") {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("discolab-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  const std::string cmd = std::string("cd '") + DISCOLAB_SOURCE_DIR + "' && cd '" + cwd + "' && '" +
                          DISCOLAB_BINARY + "' " + args + " >'" + (dir / "out").string() + "' 2>'" +
                          (dir / "err").string() + "' </dev/null";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir / "out");
  r.err = read_file(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

// A fresh, empty folder for results.
inline std::filesystem::path scratch(const std::string& name) {
  const auto p = std::filesystem::temp_directory_path() /
                 ("discolab-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p.parent_path());
  return p;
}

}  // namespace discolab::testing

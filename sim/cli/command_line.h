// Pieces of the command line that are not CLI11's: options checked as the scenario loader
// checks the same keys, a "did you mean" for a mistyped command, and reporting a failure the
// same way whatever went wrong (a line on stderr, and with --progress jsonl a JSON line).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace discolab {

class Interrupted;

// --seed as the loader reads `seed:` (same bounds, same message). Throws std::invalid_argument.
std::uint64_t parse_seed_option(const std::string& text);

// True when the arguments ask for --progress jsonl (so failures are reported as JSON too).
bool wants_jsonl(int argc, char** argv);

// "unknown subcommand 'runn' — did you mean 'run'?" when the first argument is not an option
// and not one of `commands`; nullopt otherwise.
std::optional<std::string> unknown_subcommand(int argc, char** argv,
                                              const std::vector<std::string>& commands);

// Reports a failure and returns its exit code: the message on stderr and, in jsonl mode, one
// {"type":"error","message":…,"exit_code":…} line on stdout.
class ErrorReport {
 public:
  explicit ErrorReport(bool jsonl) : jsonl_(jsonl) {}
  int bad_input(const std::string& message) const;       // "discolab: error: …", exit 2
  int scenario_error(const std::string& message) const;  // the loader's lines as they are, 2
  int failure(const std::string& message) const;         // exit 1
  int interrupted(const Interrupted& e) const;           // exit 130 / 143

 private:
  int report(const std::string& text, const std::string& message, int exit_code) const;
  bool jsonl_;
};

}  // namespace discolab

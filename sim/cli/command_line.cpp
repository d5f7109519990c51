#include "sim/cli/command_line.h"

#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string_view>

#include "sim/cli/cli.h"
#include "sim/run/interrupt.h"
#include "sim/run/progress.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/schema_tree.h"
#include "sim/scenario/suggest.h"

namespace discolab {

std::uint64_t parse_seed_option(const std::string& text) {
  const schema::Key* key = schema::scenario_root_section().find("seed");
  Scenario parsed;
  if (key == nullptr || !key->parse_into(&parsed, text))
    throw std::invalid_argument("--seed: expected " + (key ? key->expected : "a seed") +
                                ", got \"" + text + "\"");
  return parsed.seed;
}

bool wants_jsonl(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--progress=jsonl") return true;
    if (arg == "--progress" && i + 1 < argc && std::string_view(argv[i + 1]) == "jsonl")
      return true;
  }
  return false;
}

std::optional<std::string> unknown_subcommand(int argc, char** argv,
                                              const std::vector<std::string>& commands) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string word = argv[1];
  for (const std::string& c : commands)
    if (c == word) return std::nullopt;
  std::string message = "unknown subcommand '" + word + "'";
  if (auto near = closest_match(word, commands)) {
    message += " — did you mean '" + *near + "'?";
  } else {
    message += " (commands: " + join(commands) + ")";
  }
  return message;
}

int ErrorReport::report(const std::string& text, const std::string& message, int exit_code) const {
  std::cerr << text << "\n" << std::flush;
  if (jsonl_) write_jsonl_error(stdout, message, exit_code);
  return exit_code;
}

int ErrorReport::bad_input(const std::string& message) const {
  std::string text = message;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return report("discolab: error: " + text, text, kExitBadInput);
}

int ErrorReport::scenario_error(const std::string& message) const {
  return report(message, message, kExitBadInput);
}

int ErrorReport::failure(const std::string& message) const {
  return report("discolab: error: " + message, message, kExitFailure);
}

int ErrorReport::interrupted(const Interrupted& e) const {
  std::string text = "interrupted";
  if (!e.partial().empty()) {
    std::error_code ec;
    text += std::filesystem::exists(e.partial(), ec)
                ? ": could not remove partial results " + e.partial().string()
                : ": removed partial results " + e.partial().string();
  } else {
    text += " before any results were written";
  }
  return report(text, text, e.exit_code());
}

}  // namespace discolab

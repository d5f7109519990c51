#include "sim/compare/child_report.h"

#include "sim/run/progress_protocol.h"

namespace discolab::compare {
namespace {

std::string last_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const std::size_t nl = text.rfind('\n');
  return nl == std::string::npos ? text : text.substr(nl + 1);
}

}  // namespace

std::string ChildReport::read_line(const std::string& line) {
  if (refused) return "";
  const nlohmann::json msg = nlohmann::json::parse(line, nullptr, false);
  if (!msg.is_object() || !msg.contains("type") || !msg["type"].is_string()) return "";
  if (std::string problem = protocol_problem(msg); !problem.empty()) {
    refused = true;
    said_done = false;
    error = std::move(problem);
    return "";
  }
  const std::string type = msg["type"].get<std::string>();
  if (type == "progress" && msg.contains("fraction") && msg["fraction"].is_number()) {
    fraction = msg["fraction"].get<double>();
  } else if (type == "done" && msg.contains("summary")) {
    said_done = true;
    summary = msg["summary"];
    if (summary.contains("perf") && summary["perf"].contains("wall_s") &&
        summary["perf"]["wall_s"].is_number())
      wall_s = summary["perf"]["wall_s"].get<double>();
  } else if (type == "error" && msg.contains("message") && msg["message"].is_string()) {
    error = msg["message"].get<std::string>();
  }
  return type;
}

void ChildReport::finish(const ChildExit& exit) {
  fraction = 1.0;
  exit_code = exit.signal != 0 ? 128 + exit.signal : exit.exit_code;
  ok = exit_code == 0 && said_done;
  if (ok) return;
  if (error.empty()) error = last_line(exit.stderr_tail);
  if (error.empty()) error = "exited with code " + std::to_string(exit_code);
}

}  // namespace discolab::compare

// The child protocol's reader (sim/compare/child_report.h), as `compare`, `batch` and
// `validate-theory` read a `discolab run --progress jsonl` child's stdout: any bytes, split into
// lines, then any exit. It must never throw, and a run counts only when it said done and
// exited 0.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/compare/child_report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace discolab::compare;
  if (size == 0) return 0;
  // The first byte picks how the child ended; the rest is its stdout.
  const std::uint8_t how = data[0];
  std::string_view out(reinterpret_cast<const char*>(data + 1), size - 1);
  ChildReport report;
  while (!out.empty()) {
    const std::size_t nl = out.find('\n');
    const std::string line(out.substr(0, nl));
    (void)report.read_line(line);
    out.remove_prefix(nl == std::string_view::npos ? out.size() : nl + 1);
  }
  ChildExit exit;
  exit.exit_code = (how & 1) ? 0 : (how & 2) ? -1 : 3;
  exit.signal = exit.exit_code == -1 ? 9 : 0;
  exit.started = (how & 4) == 0;
  exit.stderr_tail = (how & 8) ? "discolab: a message\n" : "";
  report.finish(exit);
  const bool should_count = report.said_done && exit.exit_code == 0 && exit.started;
  if (report.ok != should_count) __builtin_trap();
  if (!report.ok && report.error.empty()) __builtin_trap();  // a failure says why
  return 0;
}

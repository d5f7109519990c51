// The version of the JSON-lines protocol of `discolab run --progress jsonl` (progress.h writes
// it, docs/progress-protocol.md documents it), apart from the writer so that readers — the
// command line's children reports and the GUI (whose Qt `emit` macro clashes with
// Progress::emit) — can check it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace discolab {

// The major version of the JSON-lines protocol, on every line as "protocol". Readers skip
// messages and keys they do not know, so adding either keeps it; it changes only when a key
// is removed, renamed or changes meaning or unit, and a reader refuses a stream whose version
// it does not know (docs/progress-protocol.md).
inline constexpr int kProgressProtocol = 1;

// Why a reader of protocol kProgressProtocol must not read the stream `message` belongs to,
// or "" when it may: its "protocol" is another major version (or not an integer). A line
// without "protocol" is accepted: streams from before the version was added are version 1
// without the keys added since.
std::string protocol_problem(const nlohmann::json& message);

}  // namespace discolab

// The `discolab` command line: run, validate, compare, schema.
//
// Exit codes: 0 success; 2 bad input (unreadable or invalid scenario, bad option, unknown
// pattern, engine or host, an existing results folder); 1 the run itself failed.
#pragma once

namespace discolab {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

int cli_main(int argc, char** argv);

}  // namespace discolab

// The `discolab` command line: run, validate, compare, batch, merge, validate-theory, schema,
// figures.
//
// Exit codes: 0 success; 2 bad input (unreadable or invalid scenario or platform file, bad
// option, unknown command, pattern, engine or host, an existing results folder or something
// --force may not replace, a run that needs --yes); 1 the run itself failed; 130 / 143
// interrupted by SIGINT / SIGTERM (partial results removed). With --progress jsonl every
// failure also writes one {"type":"error","message":…,"exit_code":…} line on stdout.
#pragma once

namespace discolab {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
// Interrupted runs exit 128 + the signal (Interrupted::exit_code()).

int cli_main(int argc, char** argv);

}  // namespace discolab

// One line of the JSON-lines stream `discolab run --progress jsonl` writes on stdout
// (sim/run/progress.h; docs/gui.md lists the messages):
//   {"type":"start", scenario, pattern, seed, engine, version, duration_s, folder, size …}
//   {"type":"interval", t_s, warmup, completed_per_s, … }   one per metrics interval
//   {"type":"progress", t_s, fraction, wall_s, eta_s}
//   {"type":"done", folder, summary}                        summary: the run's summary.json
//   {"type":"error", message, exit_code}
// A line that is not a JSON object with a string "type", or of a type this version does not
// know, is `unknown` and skipped: a newer discolab may add messages and keys.
#pragma once

#include <QString>
#include <QVariantMap>
#include <nlohmann/json.hpp>
#include <string_view>

namespace discolab::gui {

struct StreamMessage {
  enum class Type { unknown, start, interval, progress, done, error };
  Type type = Type::unknown;
  QVariantMap figures;     // interval: every numeric key (null values as invalid QVariants)
  double fraction = 0.0;   // progress
  QString version;         // start: the child's discolab version
  QString folder;          // start, done
  QString message;         // error
  int exit_code = 0;       // error
  nlohmann::json summary;  // done
};

StreamMessage parse_stream_line(std::string_view line);

}  // namespace discolab::gui

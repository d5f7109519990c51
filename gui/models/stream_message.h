// One line of the JSON-lines stream `discolab run --progress jsonl` writes on stdout
// (sim/run/progress.h; docs/progress-protocol.md lists the messages and their keys):
//   {"type":"start", scenario, pattern, seed, engine, version, duration_s, folder, size …}
//   {"type":"interval", t_s, warmup, completed_per_s, …, by_client: [{client, service, …}]}
//   {"type":"churn", t_s, kind, subject, service, detail}   one per disruption
//   {"type":"progress", t_s, fraction, wall_s, eta_s}
//   {"type":"done", folder, summary}                        summary: the run's summary.json
//   {"type":"error", message, exit_code}
// Every line carries "protocol" (the major version). A line of another version is
// `incompatible`, with `problem` saying so: its reader must stop reading that stream rather
// than misread it. A line that is not a JSON object with a string "type", or of a type this
// version does not know, is `unknown` and skipped: a newer discolab of the same protocol may
// add messages and keys.
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>
#include <nlohmann/json.hpp>
#include <string_view>

namespace discolab::gui {

// A disruption of the cluster (a `churn` message, or a row of events.csv of such a kind).
struct ChurnEvent {
  double t_s = 0.0;
  QString kind;  // crash, host_down, host_up, component_down, component_up, rolling_update
  QString subject;
  QString service;
  QString detail;
};

// One client group's figures of an interval (an element of the interval's by_client array).
struct ClientFigures {
  QString client;
  QString service;
  QVariantMap figures;  // every numeric key (null values as invalid QVariants)
};

struct StreamMessage {
  enum class Type { unknown, incompatible, start, interval, churn, progress, done, error };
  Type type = Type::unknown;
  QString problem;              // incompatible: why the stream cannot be read
  QVariantMap figures;          // interval: every numeric key (null values as invalid QVariants)
  QList<ClientFigures> groups;  // interval: its by_client rows
  ChurnEvent churn;             // churn
  double fraction = 0.0;        // progress
  QString version;              // start: the child's discolab version
  QString folder;               // start, done
  QString message;              // error
  int exit_code = 0;            // error
  nlohmann::json summary;       // done
};

StreamMessage parse_stream_line(std::string_view line);

}  // namespace discolab::gui

// The numbers of `discolab report`: for each swept parameter, each figure's mean and 95%
// Student-t interval across seeds (sim/metrics/confidence.h) per pattern at each value of
// the parameter.
//
// When the sweep varies several parameters, the others' values split the runs into panels:
// in a panel they are fixed, and the parameter under study is the only one that varies (so
// every table row pools exactly the runs of one parameter point). Rows follow the parameter's
// number when every value is numeric, else the order the sweep's points give.
// A series is a pattern, or "pattern / engine" when the store holds several engines.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/metrics/confidence.h"
#include "sim/report/results_store.h"

namespace discolab::report {

struct ReportFigure {
  std::string key;  // concrete key in the store, e.g. "by_client.users.latency.p99_ms"
  std::string label;
  std::string unit;
};

// The figures `compare` reports (metrics::comparison_figures()) that the store holds; a
// "user." figure is read from the store's only client group, and left out (with a note) when
// the store has several, as it does not record which one faces users. `notes` gets a line
// for each figure left out.
std::vector<ReportFigure> default_report_figures(const ResultsStore& store,
                                                 std::vector<std::string>& notes);
// The figures asked for by key ("latency.p99_ms", "user.latency.p99_ms" …); throws
// std::invalid_argument for a key the figures table does not declare or the store lacks.
std::vector<ReportFigure> requested_report_figures(const ResultsStore& store,
                                                   const std::vector<std::string>& keys);

struct FigureRow {
  ParamValue x;
  std::vector<metrics::MeanInterval> by_series;  // ReportData::series order
};

struct FigureTable {
  ReportFigure figure;
  std::vector<FigureRow> rows;
};

struct Panel {
  std::vector<std::pair<std::string, std::string>> fixed;  // the other parameters' values
  std::vector<ParamValue> xs;
  bool numeric = false;             // every x has a number
  bool log_x = false;               // numeric, positive, spanning more than one decade
  std::vector<FigureTable> tables;  // one per figure, in the order asked
};

struct ParameterSection {
  std::string param;  // "" when the sweep varies no parameter (then one panel, one row)
  std::vector<Panel> panels;
  // Parameters varied together with `param` (a sweep's zip group, or any parameter whose value
  // the other's determines and the other way round): one axis, no panels of their own.
  std::vector<std::string> along;
};

struct ReportData {
  std::vector<std::string> series;
  std::vector<ParameterSection> sections;
};

ReportData report_data(const ResultsStore& store, const std::vector<ReportFigure>& figures);

// "k=v, k2=v2" for a panel's fixed values ("" for none).
std::string describe_panel(const Panel& panel);

}  // namespace discolab::report

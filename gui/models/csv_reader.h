// Reading the CSV files discolab writes (comparison.csv, timeseries.csv): RFC 4180 fields,
// quoted when they hold a comma, quote or newline (sim/metrics/csv_format.h writes them so).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace discolab::gui {

// Every record of the text, each a list of fields; a trailing newline ends the last record.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace discolab::gui

// Deterministic text for the CSV results files (timeseries.csv, events.csv).
//
// Times are printed exactly from integer nanoseconds as decimal seconds ("12.5"); doubles in
// their shortest round-trip form (std::to_chars), so the same values always give the same
// bytes; an undefined value (NaN) is an empty field. Fields with a comma, quote or newline are
// quoted as RFC 4180 says.
#pragma once

#include <string>
#include <string_view>

#include "patterns/core/time.h"

namespace discolab::metrics {

void append_seconds(std::string& out, SimTime t);
void append_double(std::string& out, double value);
void append_csv_field(std::string& out, std::string_view field);

// A value for a printed table: 4 significant digits ("%.4g"), "–" when undefined (NaN).
std::string table_number(double value);

}  // namespace discolab::metrics

// Quantities with units, as scenario files write them: durations ("250us", "30s", "2m"),
// rates ("200/s", "6/h"), bandwidths ("10Gbps", "1GBps") and host speeds ("1Gf").
//
// A unit is always required, so "30" is never silently seconds or milliseconds. Parsing and
// formatting are exact inverses on what format_* writes: parse(format(x)) == x, bit for bit,
// which keeps resolved scenario files byte-identical when re-emitted.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "patterns/core/time.h"

namespace discolab {

// Thrown by the parse_* functions; what() names the accepted units.
class UnitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The accepted spellings, for messages and docs.
inline constexpr std::string_view kDurationUnits = "ns, us, ms, s, m, h";
inline constexpr std::string_view kRateUnits = "/s, /m, /h";
inline constexpr std::string_view kBandwidthUnits =
    "bps, kbps, Mbps, Gbps, Tbps (bits) or Bps, kBps, MBps, GBps, TBps (bytes)";
inline constexpr std::string_view kFlopsUnits = "f, kf, Mf, Gf, Tf, Pf";

// nullopt when the text is not a number followed by one of the units. Signs are accepted
// (bounds are the caller's business); non-finite numbers and out-of-range durations are not.
std::optional<Duration> try_parse_duration(std::string_view text);
std::optional<double> try_parse_rate_per_s(std::string_view text);
std::optional<double> try_parse_bandwidth_bps(std::string_view text);  // bits per second
std::optional<double> try_parse_flops(std::string_view text);          // flop/s

// The same, throwing UnitError("expected a duration with a unit (ns, us, …), got "30"").
Duration parse_duration(std::string_view text);
double parse_rate_per_s(std::string_view text);
double parse_bandwidth_bps(std::string_view text);
double parse_flops(std::string_view text);

// The shortest spelling in the largest unit that represents the value exactly: "90s", "5ms",
// "6/h", "10Gbps", "1Gf".
std::string format_duration(Duration d);
std::string format_rate_per_s(double per_s);
std::string format_bandwidth_bps(double bps);
std::string format_flops(double flops);

// A plain number in its shortest round-tripping form ("0.5", "1e-06").
std::string format_number(double x);
// A plain number; nullopt for anything else (units, trailing text, inf, nan).
std::optional<double> try_parse_number(std::string_view text);

}  // namespace discolab

#include "sim/scenario/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <span>

namespace discolab {
namespace {

// value = number × multiplier / divisor. Rates divide (per hour = n / 3600) so that "6/h"
// parses to exactly 6.0 / 3600.0, which the formatter can then find again.
struct Unit {
  std::string_view suffix;
  double multiplier;
  double divisor;
};

constexpr std::array kDurationTable{
    Unit{"h", 3600e9, 1}, Unit{"m", 60e9, 1}, Unit{"s", 1e9, 1},
    Unit{"ms", 1e6, 1},   Unit{"us", 1e3, 1}, Unit{"ns", 1, 1},
};
constexpr std::array kRateTable{Unit{"/s", 1, 1}, Unit{"/m", 1, 60}, Unit{"/h", 1, 3600}};
// Bit units first: the formatter picks among the first five only (bits are what links quote).
constexpr std::array kBandwidthTable{
    Unit{"Gbps", 1e9, 1}, Unit{"Mbps", 1e6, 1}, Unit{"Tbps", 1e12, 1}, Unit{"kbps", 1e3, 1},
    Unit{"bps", 1, 1},    Unit{"Kbps", 1e3, 1}, Unit{"Bps", 8, 1},     Unit{"kBps", 8e3, 1},
    Unit{"KBps", 8e3, 1}, Unit{"MBps", 8e6, 1}, Unit{"GBps", 8e9, 1},  Unit{"TBps", 8e12, 1},
};
constexpr std::size_t kBandwidthFormatUnits = 5;
constexpr std::array kFlopsTable{
    Unit{"Gf", 1e9, 1}, Unit{"Mf", 1e6, 1},  Unit{"Tf", 1e12, 1},
    Unit{"kf", 1e3, 1}, Unit{"Pf", 1e15, 1}, Unit{"f", 1, 1},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "12.5ms" into its number text and unit text; nullopt when there is no number.
struct Split {
  std::string_view number;
  std::string_view unit;
};
std::optional<Split> split_number(std::string_view text) {
  text = trim(text);
  double ignored = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ignored);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  const auto n = static_cast<std::size_t>(end - text.data());
  return Split{text.substr(0, n), trim(text.substr(n))};
}

const Unit* find_unit(std::span<const Unit> table, std::string_view suffix) {
  for (const Unit& u : table)
    if (u.suffix == suffix) return &u;
  return nullptr;
}

std::optional<double> parse_with(std::span<const Unit> table, std::string_view text) {
  auto split = split_number(text);
  if (!split) return std::nullopt;
  const Unit* unit = find_unit(table, split->unit);
  auto number = try_parse_number(split->number);
  if (unit == nullptr || !number) return std::nullopt;
  const double value = *number * unit->multiplier / unit->divisor;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

// Shorter is better, and "100Mbps" reads better than "0.1Gbps" of the same length.
std::size_t length_score(const std::string& text) {
  return text.size() + (text.rfind("0.", 0) == 0 ? 1 : 0);
}

// The shortest text in one of the table's units that parses back to exactly `value`.
std::string format_with(std::span<const Unit> table, double value) {
  std::string best;
  for (const Unit& u : table) {
    const double approx = value * u.divisor / u.multiplier;
    for (int digits = 1; digits <= 17; ++digits) {
      char rounded[64];
      std::snprintf(rounded, sizeof rounded, "%.*g", digits, approx);
      std::string text = format_number(std::strtod(rounded, nullptr)) + std::string(u.suffix);
      if (parse_with(table, text) == value) {
        if (best.empty() || length_score(text) < length_score(best)) best = std::move(text);
        break;
      }
    }
  }
  // Unreachable for finite input (17 digits always round-trip in the first unit), but never
  // return an empty string for a value.
  return best.empty() ? format_number(value) + std::string(table.front().suffix) : best;
}

bool is_integer_text(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

template <class V>
V value_or_throw(std::optional<V> value, std::string_view what, std::string_view units,
                 std::string_view text) {
  if (value) return *value;
  throw UnitError("expected " + std::string(what) + " (a number and a unit: " + std::string(units) +
                  "), got \"" + std::string(text) + "\"");
}

}  // namespace

std::optional<double> try_parse_number(std::string_view text) {
  text = trim(text);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string format_number(double x) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return ec == std::errc{} ? std::string(buffer, end) : std::string("nan");
}

std::optional<Duration> try_parse_duration(std::string_view text) {
  auto split = split_number(text);
  if (!split) return std::nullopt;
  const Unit* unit = find_unit(kDurationTable, split->unit);
  if (unit == nullptr) return std::nullopt;
  const auto ns_per_unit = static_cast<std::int64_t>(unit->multiplier);
  // Whole numbers stay in integers so that "9000000000ns" is exact.
  if (is_integer_text(split->number)) {
    std::int64_t n = 0;
    auto [end, ec] =
        std::from_chars(split->number.data(), split->number.data() + split->number.size(), n);
    if (ec != std::errc{}) return std::nullopt;
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(n, ns_per_unit, &ns)) return std::nullopt;
    return Duration{ns};
  }
  auto number = try_parse_number(split->number);
  if (!number) return std::nullopt;
  const double ns = *number * unit->multiplier;
  constexpr double kLimit = 9.2e18;  // a little inside the range of int64 nanoseconds
  if (!std::isfinite(ns) || std::fabs(ns) >= kLimit) return std::nullopt;
  return Duration{static_cast<std::int64_t>(std::llround(ns))};
}

std::optional<double> try_parse_rate_per_s(std::string_view text) {
  return parse_with(kRateTable, text);
}
std::optional<double> try_parse_bandwidth_bps(std::string_view text) {
  return parse_with(kBandwidthTable, text);
}
std::optional<double> try_parse_flops(std::string_view text) {
  return parse_with(kFlopsTable, text);
}

Duration parse_duration(std::string_view text) {
  return value_or_throw(try_parse_duration(text), "a duration", kDurationUnits, text);
}
double parse_rate_per_s(std::string_view text) {
  return value_or_throw(try_parse_rate_per_s(text), "a rate", kRateUnits, text);
}
double parse_bandwidth_bps(std::string_view text) {
  return value_or_throw(try_parse_bandwidth_bps(text), "a bandwidth", kBandwidthUnits, text);
}
double parse_flops(std::string_view text) {
  return value_or_throw(try_parse_flops(text), "a host speed", kFlopsUnits, text);
}

std::string format_duration(Duration d) {
  const std::int64_t ns = d.count();
  if (ns == 0) return "0s";
  for (const Unit& u : kDurationTable) {
    const auto per = static_cast<std::int64_t>(u.multiplier);
    if (ns % per == 0) return std::to_string(ns / per) + std::string(u.suffix);
  }
  return std::to_string(ns) + "ns";  // not reached: the last unit divides everything
}

std::string format_rate_per_s(double per_s) { return format_with(kRateTable, per_s); }
std::string format_bandwidth_bps(double bps) {
  return format_with(std::span(kBandwidthTable).first(kBandwidthFormatUnits), bps);
}
std::string format_flops(double flops) { return format_with(kFlopsTable, flops); }

}  // namespace discolab

#include "sim/tune/tune_spec.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/batch/sweep_values.h"
#include "sim/metrics/figures.h"
#include "sim/scenario/units.h"

namespace discolab::tune {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The figure's unit; throws unless `key` is a declared numeric summary figure.
std::string figure_unit(const std::string& key, const std::string& what) {
  const metrics::DeclaredFigure* f = metrics::find_figure(key);
  if (f == nullptr)
    throw std::invalid_argument(what + ": \"" + key +
                                "\" is not a figure of summary.json (`discolab figures` lists "
                                "them, e.g. control_plane.messages_per_s)");
  if (f->figure->unit.empty())
    throw std::invalid_argument(what + ": \"" + key + "\" is not a number");
  return std::string(f->figure->unit);
}

bool whole_number(const std::string& text) {
  std::size_t i = text.starts_with('-') ? 1 : 0;
  return i < text.size() && text.find_first_not_of("0123456789", i) == std::string::npos;
}

}  // namespace

double Slo::violation(double mean) const {
  if (std::isnan(mean)) return 1.0;
  const double scale = value == 0.0 ? 1.0 : std::abs(value);
  return (bound == Bound::at_most ? mean - value : value - mean) / scale;
}

double parse_figure_value(const std::string& text, const std::string& unit) {
  const std::string t = trim(text);
  if (unit == "s" || unit == "ms") {
    const auto d = try_parse_duration(t);
    if (!d)
      throw std::invalid_argument("\"" + t + "\": this figure is a time: write a duration (" +
                                  std::string(kDurationUnits) + "), e.g. 10s or 50ms");
    return to_seconds(*d) * (unit == "ms" ? 1000.0 : 1.0);
  }
  if (auto n = try_parse_number(t)) return *n;
  if (unit == "1/s")
    if (auto r = try_parse_rate_per_s(t)) return *r;
  if (unit == "fraction" && t.ends_with('%'))
    if (auto n = try_parse_number(t.substr(0, t.size() - 1))) return *n / 100.0;
  throw std::invalid_argument("\"" + t + "\": expected a number for a figure in " + unit +
                              (unit == "1/s" ? " (or a rate such as 200/s)" : "") +
                              (unit == "fraction" ? " (or a percentage such as 0.1%)" : ""));
}

Slo parse_slo(const std::string& text) {
  Slo slo;
  slo.text = trim(text);
  std::size_t at = text.find("<=");
  slo.bound = Bound::at_most;
  if (at == std::string::npos) {
    at = text.find(">=");
    slo.bound = Bound::at_least;
  }
  if (at == std::string::npos)
    throw std::invalid_argument("--slo \"" + text +
                                "\": expected 'FIGURE <= VALUE' or 'FIGURE >= VALUE', e.g. "
                                "'staleness.propagation_p99_s <= 10s'");
  slo.figure = trim(text.substr(0, at));
  slo.unit = figure_unit(slo.figure, "--slo");
  try {
    slo.value = parse_figure_value(text.substr(at + 2), slo.unit);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("--slo \"" + text + "\": " + e.what());
  }
  return slo;
}

Objective parse_objective(const std::string& figure, bool maximize) {
  Objective o;
  o.figure = trim(figure);
  o.maximize = maximize;
  o.unit = figure_unit(o.figure, "--objective");
  return o;
}

Vary parse_vary(const std::string& text) {
  Vary v;
  v.text = text;
  const std::size_t eq = text.find('=');
  v.key = trim(text.substr(0, eq));
  if (eq == std::string::npos || v.key.empty())
    throw std::invalid_argument("--vary \"" + text +
                                "\": expected KEY=LO..HI[:log] or KEY=a,b,c, e.g. "
                                "patterns.dns.dns.server.ttl=1s..60s:log");
  std::string range = trim(text.substr(eq + 1));
  const std::size_t dots = range.find("..");
  if (dots == std::string::npos) {
    std::stringstream in(range);
    for (std::string item; std::getline(in, item, ',');)
      if (!trim(item).empty()) v.choices.push_back(trim(item));
    if (v.choices.size() < 2)
      throw std::invalid_argument("--vary \"" + text +
                                  "\": give a range LO..HI or two values or more, a,b");
    return v;
  }
  bool whole = false;
  for (bool more = true; more;) {  // modifiers, in any order: :log, :linear, :int
    more = false;
    for (const std::string_view m : {":log", ":linear", ":int"})
      if (range.ends_with(m)) {
        v.log = v.log || m == ":log";
        whole = whole || m == ":int";
        range.resize(range.size() - m.size());
        more = true;
      }
  }
  const std::string lo = trim(range.substr(0, dots)), hi = trim(range.substr(dots + 2));
  const auto nlo = batch::numeric_value(lo), nhi = batch::numeric_value(hi);
  if (!nlo || !nhi)
    throw std::invalid_argument("--vary \"" + text +
                                "\": LO and HI must be numbers or quantities with units (1s, "
                                "6/h, 10Mbps)");
  if (!(*nhi > *nlo)) throw std::invalid_argument("--vary \"" + text + "\": HI must exceed LO");
  if (v.log && !(*nlo > 0))
    throw std::invalid_argument("--vary \"" + text + "\": a :log range needs LO above 0");
  v.lo = *nlo;
  v.hi = *nhi;
  v.suffix = batch::unit_suffix(lo);
  v.unit = batch::numeric_value("1" + v.suffix).value_or(1.0);
  v.hi_suffix = batch::unit_suffix(hi);
  v.hi_unit = batch::numeric_value("1" + v.hi_suffix).value_or(1.0);
  v.integer = whole || (whole_number(lo) && whole_number(hi));
  return v;
}

std::string Vary::key_for(const std::string& pattern) const {
  if (!key.starts_with("patterns.*.")) return key;
  std::string section = pattern;
  std::replace(section.begin(), section.end(), '-', '_');
  return "patterns." + section + key.substr(std::string_view("patterns.*").size());
}

double Vary::number_at(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  const double base = log ? lo * std::pow(hi / lo, u) : lo + u * (hi - lo);
  const double in_unit = base / unit;
  const double shown = integer ? std::round(in_unit) : batch::round_significant(in_unit, 4);
  return shown * unit;
}

std::string Vary::value_at(double u) const {
  const double in_unit = number_at(u) / unit;
  double shown = integer ? std::round(in_unit) : batch::round_significant(in_unit, 4);
  std::string written = suffix;
  if (!integer && hi_unit > unit && shown * unit >= hi_unit) {
    shown = batch::round_significant(shown * unit / hi_unit, 12);
    written = hi_suffix;
  }
  char buf[64];  // %.12g: 60000, 3.436, 0.0005 (no exponent in the ranges scenarios use)
  std::snprintf(buf, sizeof buf, "%.12g", shown);
  return buf + written;
}

std::string spec_text(const TuneSpec& spec) {
  std::ostringstream y;
  y << "# discolab tune: the search this store holds (docs/tune.md)\n"
    << "scenario: " << spec.scenario << "\npatterns: [";
  for (std::size_t i = 0; i < spec.patterns.size(); ++i) y << (i ? ", " : "") << spec.patterns[i];
  y << "]\nobjective: {figure: " << spec.objective.figure
    << ", direction: " << (spec.objective.maximize ? "maximize" : "minimize") << "}\nslo:\n";
  for (const Slo& s : spec.slos) y << "  - \"" << s.text << "\"\n";
  y << "vary:\n";
  for (const Vary& v : spec.varies) y << "  - \"" << v.text << "\"\n";
  y << "seeds: " << spec.seeds << "\nmax_seeds: " << spec.max_seeds << "\n";
  return y.str();
}

}  // namespace discolab::tune

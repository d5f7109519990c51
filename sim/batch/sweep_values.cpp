#include "sim/batch/sweep_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "sim/scenario/suggest.h"
#include "sim/scenario/units.h"

namespace discolab::batch {
namespace {

enum class Kind { number, duration, rate, bandwidth, flops };

struct Quantity {
  Kind kind = Kind::number;
  double base = 0.0;  // in the base unit
};

std::optional<Quantity> quantity(std::string_view text) {
  if (auto n = try_parse_number(text)) return Quantity{Kind::number, *n};
  if (auto d = try_parse_duration(text)) return Quantity{Kind::duration, to_seconds(*d)};
  if (auto r = try_parse_rate_per_s(text)) return Quantity{Kind::rate, *r};
  if (auto b = try_parse_bandwidth_bps(text)) return Quantity{Kind::bandwidth, *b};
  if (auto f = try_parse_flops(text)) return Quantity{Kind::flops, *f};
  return std::nullopt;
}

std::string describe(const YAML::Node& node) {
  if (node.IsScalar()) return "\"" + node.Scalar() + "\"";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "nothing";
}

std::string value_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

// A range mapping: {from, to, step} or {from, to, count[, scale: linear|log]}.
class Range {
 public:
  Range(const YAML::Node& node, const std::string& path, IssueLog& log)
      : node_(node), path_(path), log_(log) {}

  std::vector<SweepValue> expand() {
    static const std::vector<std::string> kKeys{"from", "to", "step", "count", "scale"};
    bool ok = true;
    for (const auto& entry : node_) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        std::string message = "unknown range key \"" + key + "\"";
        if (auto near = closest_match(key, kKeys)) message += "; did you mean \"" + *near + "\"?";
        log_.at(entry.first, path_, message + " (a range has from, to, and step or count, scale)");
        ok = false;
      }
    }
    const auto from = bound("from"), to = bound("to");
    if (!ok || !from || !to) return {};
    const std::string scale = scalar("scale").value_or("linear");
    if (scale != "linear" && scale != "log")
      return fail(node_["scale"], not_one_of(scale, "one of", {"linear", "log"}));
    const bool has_step = node_["step"].IsDefined(), has_count = node_["count"].IsDefined();
    if (has_step == has_count) return fail(node_, "a range needs exactly one of step and count");
    if (to->base < from->base) return fail(node_["to"], "to must not be below from");

    std::vector<double> values;  // in the base unit
    if (has_step) {
      if (scale == "log") return fail(node_["step"], "a log range takes count, not step");
      const auto step = bound("step");
      if (!step) return {};
      if (step->kind != from->kind) return fail(node_["step"], "step's unit is not from's kind");
      if (!(step->base > 0)) return fail(node_["step"], "step must be above 0");
      const double n = std::floor((to->base - from->base) / step->base * (1 + 1e-12) + 1e-9);
      if (n > kMaxValues) return fail(node_, "more than 10000 values");
      for (double i = 0; i <= n; ++i) values.push_back(from->base + i * step->base);
    } else {
      const auto count = whole("count");
      if (!count) return {};
      if (*count < 2 || *count > kMaxValues)
        return fail(node_["count"], "count must be 2 to 10000");
      if (scale == "log" && !(from->base > 0))
        return fail(node_["from"], "a log range needs from above 0");
      for (long i = 0; i < *count; ++i) {
        const double f = static_cast<double>(i) / static_cast<double>(*count - 1);
        values.push_back(scale == "log" ? from->base * std::pow(to->base / from->base, f)
                                        : from->base + f * (to->base - from->base));
      }
    }
    // Written in from's unit.
    const std::string suffix = unit_suffix(node_["from"].Scalar());
    const double unit = quantity("1" + suffix).value_or(Quantity{}).base;
    const int digits = scale == "log" ? 4 : 12;
    std::vector<SweepValue> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const bool end = i == 0 || i + 1 == values.size();
      const double in_unit = values[i] / unit;
      const double shown = end && scale == "log" ? round_significant(in_unit, 12)
                                                 : round_significant(in_unit, digits);
      SweepValue v;
      v.text = format_number(shown) + suffix;
      v.num = numeric_value(v.text);
      v.where = log_.where_of(node_);
      if (!seen.insert(v.text).second)
        return fail(node_, "two values round to " + v.text + "; use fewer values");
      out.push_back(std::move(v));
    }
    return out;
  }

 private:
  static constexpr long kMaxValues = 10000;

  std::vector<SweepValue> fail(const YAML::Node& at, const std::string& message) {
    log_.at(at.IsDefined() ? at : node_, path_, message);
    return {};
  }

  std::optional<std::string> scalar(const char* key) {
    const YAML::Node v = node_[key];
    if (!v.IsDefined()) return std::nullopt;
    if (!v.IsScalar()) {
      log_.at(v, path_ + "." + key, "expected a value, got " + describe(v));
      return std::nullopt;
    }
    return v.Scalar();
  }

  std::optional<Quantity> bound(const char* key) {
    if (!node_[key].IsDefined()) {
      log_.at(node_, path_, std::string("a range needs ") + key);
      return std::nullopt;
    }
    const auto text = scalar(key);
    if (!text) return std::nullopt;
    auto q = quantity(*text);
    if (!q) {
      log_.at(node_[key], path_ + "." + key,
              "expected a number, or a duration, rate, bandwidth or host speed with its unit, "
              "got \"" +
                  *text + "\"");
      return std::nullopt;
    }
    if (key != std::string("from")) {
      // IsDefined first: a missing key's type cannot be asked (yaml-cpp's "invalid node";
      // found by fuzz/sweep_fuzzer.cpp).
      const YAML::Node from_node = node_["from"];
      const auto from =
          quantity(from_node.IsDefined() && from_node.IsScalar() ? from_node.Scalar() : "");
      if (from && from->kind != q->kind) {
        log_.at(node_[key], path_ + "." + key, "not the same kind of quantity as from");
        return std::nullopt;
      }
    }
    return q;
  }

  std::optional<long> whole(const char* key) {
    const auto text = scalar(key);
    if (!text) return std::nullopt;
    const auto n = try_parse_number(*text);
    if (!n || *n != std::floor(*n)) {
      log_.at(node_[key], path_ + "." + key, "expected a whole number, got \"" + *text + "\"");
      return std::nullopt;
    }
    return static_cast<long>(std::min(*n, 1e9));
  }

  const YAML::Node& node_;
  const std::string& path_;
  IssueLog& log_;
};

}  // namespace

std::string unit_suffix(const std::string& text) {
  char* end = nullptr;
  (void)std::strtod(text.c_str(), &end);
  return end == nullptr ? std::string() : std::string(end);
}

double round_significant(double x, int digits) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return std::strtod(buf, nullptr);
}

std::optional<double> numeric_value(std::string_view text) {
  if (auto q = quantity(text)) return q->base;
  return std::nullopt;
}

std::vector<SweepValue> parameter_values(const YAML::Node& node, const std::string& key_path,
                                         IssueLog& log) {
  if (node.IsMap()) return Range(node, key_path, log).expand();
  if (!node.IsSequence() || node.size() == 0) {
    log.at(node, key_path,
           "expected a list of values or a range {from, to, step|count, scale}, got " +
               describe(node));
    return {};
  }
  std::vector<SweepValue> values;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    if (item.IsNull()) {
      log.at(item, key_path, "an empty value");
      return {};
    }
    SweepValue v;
    v.text = value_text(item);
    v.num = numeric_value(v.text);
    v.where = log.where_of(item);
    if (!seen.insert(v.text).second) {
      log.at(item, key_path, "\"" + v.text + "\" is listed twice");
      return {};
    }
    values.push_back(std::move(v));
  }
  return values;
}

}  // namespace discolab::batch

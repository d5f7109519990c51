#include "sim/scenario/schema_tree.h"

#include <cmath>

#include "sim/scenario/suggest.h"
#include "sim/scenario/units.h"

namespace discolab::schema {

const Key* Section::find(std::string_view name) const {
  for (const Key& key : keys)
    if (key.name == name) return &key;
  return nullptr;
}

std::vector<std::string> Section::key_names() const {
  std::vector<std::string> names;
  for (const Key& key : keys) names.push_back(key.name);
  return names;
}

namespace {

std::string bound_text(const std::string& min, bool exclusive) {
  return (exclusive ? "> " : "≥ ") + min;
}

// A quantity (with a unit unless `units` is empty): parsed by units.h, then checked against
// a lower bound.
template <class V>
Codec<V> bounded(std::string type_name, std::string_view units, V min, bool exclusive,
                 std::optional<V> (*parse)(std::string_view), std::string (*format)(V)) {
  const std::string bound = bound_text(format(min), exclusive);
  const std::string unit_note =
      units.empty() ? std::string() : " (a number and a unit: " + std::string(units) + ")";
  return {.type_name = type_name,
          .expected = "a " + type_name + " " + bound + unit_note,
          .bounds = bound,
          .choices = {},
          .parse = [=](const std::string& text) -> std::optional<V> {
            auto value = parse(text);
            if (!value || *value < min || (exclusive && *value == min)) return std::nullopt;
            return value;
          },
          .format = [=](const V& value) { return format(value); }};
}

}  // namespace

Codec<double> number(double min, bool exclusive) {
  return bounded<double>("number", "", min, exclusive, &try_parse_number, &format_number);
}

Codec<bool> boolean() {
  return {.type_name = "boolean",
          .expected = "true or false",
          .bounds = {},
          .choices = {},
          .parse = [](const std::string& text) -> std::optional<bool> {
            if (text == "true") return true;
            if (text == "false") return false;
            return std::nullopt;
          },
          .format = [](const bool& value) { return std::string(value ? "true" : "false"); }};
}

Codec<std::string> text() {
  return {.type_name = "text",
          .expected = "text",
          .bounds = {},
          .choices = {},
          .parse = [](const std::string& value) -> std::optional<std::string> { return value; },
          .format = [](const std::string& value) { return value; }};
}

Codec<std::string> name_text() {
  Codec<std::string> codec = text();
  codec.type_name = "name";
  codec.expected = "a non-empty name";
  codec.bounds = "non-empty";
  codec.parse = [](const std::string& value) -> std::optional<std::string> {
    if (value.empty()) return std::nullopt;
    return value;
  };
  return codec;
}

Codec<std::string> text_choice(std::vector<std::string> names) {
  Codec<std::string> codec = text();
  codec.type_name = "choice";
  codec.expected = "one of the names";
  codec.choices = names;
  codec.parse = [names](const std::string& value) -> std::optional<std::string> {
    for (const std::string& name : names)
      if (name == value) return value;
    return std::nullopt;
  };
  return codec;
}

Codec<Duration> duration(Duration min, bool exclusive) {
  return bounded<Duration>("duration", kDurationUnits, min, exclusive, &try_parse_duration,
                           &format_duration);
}

Codec<double> rate() {
  return bounded<double>("rate", kRateUnits, 0.0, false, &try_parse_rate_per_s, &format_rate_per_s);
}

Codec<double> bandwidth() {
  return bounded<double>("bandwidth", kBandwidthUnits, 0.0, true, &try_parse_bandwidth_bps,
                         &format_bandwidth_bps);
}

Codec<double> flops() {
  return bounded<double>("speed", kFlopsUnits, 0.0, true, &try_parse_flops, &format_flops);
}

}  // namespace discolab::schema

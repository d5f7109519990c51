// The scenario schema as a tree of keys bound to the fields of the scenario structs, in the
// spirit of ns-3 attributes: each key has a name, help text, a type with its validity rule and
// a way to read and write the field. One table (scenario_schema.cpp) then drives the loader,
// the --set overrides, the resolved writer and the generated docs, so they cannot disagree.
//
// Objects are passed as void*: a Section knows the struct type it was built for, and only the
// lambdas made by the builders below cast back to it.
#pragma once

#include <charconv>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/enum_names.h"
#include "sim/scenario/scenario.h"

namespace discolab::schema {

// Conversion between a scalar's text and a field of type V, with its validity rule.
template <class V>
struct Codec {
  std::string type_name;             // for the docs: "duration", "whole number", …
  std::string expected;              // for errors: "a whole number ≥ 0"
  std::string bounds;                // for the docs: "≥ 0", "> 0s"; empty: no bounds
  std::vector<std::string> choices;  // a closed set of names; empty otherwise
  std::function<std::optional<V>(const std::string&)> parse;  // nullopt: rejected
  std::function<std::string(const V&)> format;
};

enum class KeyKind { scalar, scalar_list, section, list };

struct Section;

struct Key {
  std::string name;
  KeyKind kind = KeyKind::scalar;
  std::string help;
  bool required = false;
  bool optional = false;     // may be absent (std::optional); a null value leaves it absent
  std::string default_note;  // shown in the docs instead of the default value, when set

  // scalar and scalar_list: the codec's description of the item type.
  std::string type_name;
  std::string expected;
  std::string bounds;
  std::vector<std::string> choices;
  // Parses one text into the field (scalar_list: appends one item); false when rejected.
  std::function<bool(void* object, const std::string& text)> parse_into;
  // scalar: one text, or none when an optional field is absent; scalar_list: every item.
  std::function<std::vector<std::string>(const void* object)> format;

  // section and list: the nested keys.
  std::shared_ptr<const Section> section;
  std::function<void*(void* object)> child;                    // section
  std::function<const void*(const void* object)> child_of;     // section
  std::function<void*(void* object)> append;                   // list: a new default item
  std::function<std::vector<const void*>(const void*)> items;  // list
  std::function<void(void* object)> clear;                     // list, scalar_list
};

struct Section {
  std::vector<Key> keys;
  std::string name_key;                   // lists: the key naming an item ("services.web")
  std::shared_ptr<const void> prototype;  // a default-constructed object of the section's type
  // Keys that moved elsewhere in this section: old name -> its new path below the section
  // ("fetch_interval" -> "propagation.fetch_interval"), so the unknown-key error can say where.
  std::vector<std::pair<std::string, std::string>> moved;

  const Key* find(std::string_view name) const;
  std::vector<std::string> key_names() const;
};

// The root of the scenario schema (scenario_schema.cpp).
const Section& scenario_root_section();

// --- builders --------------------------------------------------------------------------------

template <class T>
std::shared_ptr<const Section> make_section(std::vector<Key> keys, std::string name_key = "") {
  auto section = std::make_shared<Section>();
  section->keys = std::move(keys);
  section->name_key = std::move(name_key);
  section->prototype = std::make_shared<const T>();
  return section;
}

// The same section, with the old names of keys that moved (Section::moved).
inline std::shared_ptr<const Section> with_moved_keys(
    const std::shared_ptr<const Section>& section,
    std::vector<std::pair<std::string, std::string>> moved) {
  auto copy = std::make_shared<Section>(*section);
  copy->moved = std::move(moved);
  return copy;
}

inline Key make_key(std::string name, KeyKind kind, std::string help) {
  Key key;
  key.name = std::move(name);
  key.kind = kind;
  key.help = std::move(help);
  return key;
}

template <class V>
void describe(Key& key, const Codec<V>& codec) {
  key.type_name = codec.type_name;
  key.expected = codec.expected;
  key.bounds = codec.bounds;
  key.choices = codec.choices;
}

// Parses a text and stores it in `member` (a V, or a std::optional<V>).
template <class T, class Field, class V>
std::function<bool(void*, const std::string&)> assign_parsed(
    Field T::*member, const std::function<std::optional<V>(const std::string&)>& parse) {
  return [member, parse](void* object, const std::string& text) {
    auto value = parse(text);
    if (value) static_cast<T*>(object)->*member = std::move(*value);
    return value.has_value();
  };
}

template <class T, class V>
Key scalar(std::string name, V T::*member, const Codec<V>& codec, std::string help) {
  Key key = make_key(std::move(name), KeyKind::scalar, std::move(help));
  describe(key, codec);
  key.parse_into = assign_parsed<T>(member, codec.parse);
  key.format = [member, format = codec.format](const void* object) {
    return std::vector<std::string>{format(static_cast<const T*>(object)->*member)};
  };
  return key;
}

// A field that may be absent (std::optional): absent keys are not written back.
template <class T, class V>
Key optional_scalar(std::string name, std::optional<V> T::*member, const Codec<V>& codec,
                    std::string help) {
  Key key = make_key(std::move(name), KeyKind::scalar, std::move(help));
  describe(key, codec);
  key.optional = true;
  key.parse_into = assign_parsed<T>(member, codec.parse);
  key.format = [member, format = codec.format](const void* object) {
    const auto& field = static_cast<const T*>(object)->*member;
    return field ? std::vector<std::string>{format(*field)} : std::vector<std::string>{};
  };
  return key;
}

template <class T, class V>
Key scalar_list(std::string name, std::vector<V> T::*member, const Codec<V>& codec,
                std::string help) {
  Key key = make_key(std::move(name), KeyKind::scalar_list, std::move(help));
  describe(key, codec);
  key.parse_into = [member, parse = codec.parse](void* object, const std::string& text) {
    auto value = parse(text);
    if (value) (static_cast<T*>(object)->*member).push_back(std::move(*value));
    return value.has_value();
  };
  key.format = [member, format = codec.format](const void* object) {
    std::vector<std::string> texts;
    for (const V& item : static_cast<const T*>(object)->*member) texts.push_back(format(item));
    return texts;
  };
  key.clear = [member](void* object) { (static_cast<T*>(object)->*member).clear(); };
  return key;
}

template <class T, class S>
Key section(std::string name, S T::*member, std::shared_ptr<const Section> nested,
            std::string help) {
  Key key = make_key(std::move(name), KeyKind::section, std::move(help));
  key.section = std::move(nested);
  key.child = [member](void* object) -> void* { return &(static_cast<T*>(object)->*member); };
  key.child_of = [member](const void* object) -> const void* {
    return &(static_cast<const T*>(object)->*member);
  };
  return key;
}

template <class T, class S>
Key list(std::string name, std::vector<S> T::*member, std::shared_ptr<const Section> nested,
         std::string help) {
  Key key = make_key(std::move(name), KeyKind::list, std::move(help));
  key.section = std::move(nested);
  key.append = [member](void* object) -> void* {
    return &(static_cast<T*>(object)->*member).emplace_back();
  };
  key.items = [member](const void* object) {
    std::vector<const void*> items;
    for (const S& item : static_cast<const T*>(object)->*member) items.push_back(&item);
    return items;
  };
  key.clear = [member](void* object) { (static_cast<T*>(object)->*member).clear(); };
  return key;
}

inline Key required(Key key) {
  key.required = true;
  return key;
}

inline Key with_default_note(Key key, std::string note) {
  key.default_note = std::move(note);
  return key;
}

// --- codecs ----------------------------------------------------------------------------------

template <class I>
Codec<I> whole(I min) {
  const std::string bound = "≥ " + std::to_string(min);
  return {.type_name = "whole number",
          .expected = "a whole number " + bound,
          .bounds = bound,
          .choices = {},
          .parse = [min](const std::string& text) -> std::optional<I> {
            I value{};
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc{} || end != text.data() + text.size() || value < min)
              return std::nullopt;
            return value;
          },
          .format = [](const I& value) { return std::to_string(value); }};
}

Codec<double> number(double min, bool exclusive = false);
Codec<bool> boolean();
Codec<std::string> text();
Codec<std::string> name_text();  // non-empty
Codec<std::string> text_choice(std::vector<std::string> names);
Codec<Duration> duration(Duration min, bool exclusive = false);
Codec<double> rate();       // ≥ 0 per second
Codec<double> bandwidth();  // > 0 bits per second
Codec<double> flops();      // > 0

template <class E>
Codec<E> choice() {
  return {.type_name = "choice",
          .expected = "one of the names",
          .bounds = {},
          .choices = enum_name_list<E>(),
          .parse = [](const std::string& text) { return enum_from_string<E>(text); },
          .format = [](const E& value) { return std::string(to_string(value)); }};
}

}  // namespace discolab::schema

// Setting one value of a scenario's YAML text, keeping the rest of the text as written.
//
// The value at a --set path ("services.web.replicas", list items by name or index) is replaced
// where it stands in the text, so comments, order and flow mappings stay. A key the text does
// not hold yet is added to the tree and the whole text emitted again by yaml-cpp, which keeps
// the values but drops the comments.
#pragma once

#include <string>

namespace discolab::gui {

// The text with `path` set to `value` (a plain YAML scalar: "15s", "round-robin", "4/h").
// Throws std::invalid_argument when the text is not YAML, or the path goes through something
// that is not a mapping or a list item of that name.
std::string set_yaml_value(const std::string& text, const std::string& path,
                           const std::string& value);

}  // namespace discolab::gui

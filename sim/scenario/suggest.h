// "Did you mean": the closest of a set of valid names to a misspelt one, for unknown keys,
// enum values and references to services or hosts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace discolab {

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1 ("servces" → "services" is 1, "sevrices" is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is near enough to be a plausible typo (about one
// edit per three characters); the first of equally near ones. nullopt otherwise.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// `"dns2" is not one of: client-side, dns, …; did you mean "dns"?` — what: "one of", "one of the
// services", … The suggestion is left out when nothing is close.
std::string not_one_of(std::string_view value, std::string_view what,
                       const std::vector<std::string>& allowed);

// Joins with ", ".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace discolab

// How many YAML documents a text holds, without yaml-cpp's LoadAll.
//
// yaml-cpp 0.7 (Debian 12's) loops forever in LoadAll, allocating as it goes, on some malformed
// input — a lone "," is enough (jbeder/yaml-cpp#1040; fixed upstream by PR #1319, after 0.7):
// its parser keeps starting documents without consuming a token. Found by
// fuzz/scenario_fuzzer.cpp as a hang of `discolab validate`.
#pragma once

#include <cstddef>
#include <string>

namespace discolab {

// The number of documents in `text`. Throws YAML::ParserException (with the place) for a
// syntax error, including the input on which yaml-cpp's parser stops making progress.
std::size_t count_yaml_documents(const std::string& text);

}  // namespace discolab

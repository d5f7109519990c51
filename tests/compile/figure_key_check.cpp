// Compiled by two CTest tests (tests/CMakeLists.txt) with FIGURE_KEY set to a declared and an
// undeclared latency key: figure_key() is consteval, so only the declared one compiles.
#include "sim/metrics/figures_table.h"

constexpr std::string_view kKey =
    discolab::metrics::figure_key(discolab::metrics::kLatencyBlock, FIGURE_KEY);

int main() { return kKey.empty() ? 1 : 0; }

// Every scenario shipped in scenarios/ must load: the library is documentation too.
#include <catch2/catch.hpp>
#include <filesystem>

#include "run_command.h"

using namespace discolab::testing;

TEST_CASE("every scenario in the library validates", "[cli][scenarios]") {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(DISCOLAB_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string rel = "scenarios/" + entry.path().filename().string();
    INFO(rel);
    const auto r = run_discolab("validate " + rel);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    ++checked;
  }
  CHECK(checked >= 2);
}

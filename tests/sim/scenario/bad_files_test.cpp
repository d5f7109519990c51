// Table-driven: every file in tests/data/scenarios/bad/ states, in its leading comments, the
// messages its load must produce ("# expect: …", with file:line:column) and how many
// problems are reported in all ("# issues: N").
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "scenario_test_support.h"

using namespace discolab;

namespace {

struct Expectation {
  std::vector<std::string> messages;
  std::size_t issue_count = 0;
};

Expectation read_expectation(const std::filesystem::path& file) {
  Expectation expectation;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line) && line.rfind("#", 0) == 0;) {
    if (line.rfind("# expect: ", 0) == 0) expectation.messages.push_back(line.substr(10));
    if (line.rfind("# issues: ", 0) == 0) expectation.issue_count = std::stoul(line.substr(10));
  }
  return expectation;
}

}  // namespace

TEST_CASE("every bad scenario file is rejected with the messages it expects") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(test::scenario_data("bad")))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 12);

  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      const Expectation expected = read_expectation(file);
      REQUIRE_FALSE(expected.messages.empty());
      REQUIRE(expected.issue_count > 0);
      const ScenarioError error = test::load_error(file.string());
      const std::string what = error.what();
      INFO(what);
      for (const std::string& message : expected.messages)
        CHECK_THAT(what, Catch::Contains(message));
      CHECK(error.issues().size() == expected.issue_count);
      // One problem per line, each starting with the file it is about.
      CHECK(static_cast<std::size_t>(std::count(what.begin(), what.end(), '\n')) + 1 ==
            error.issues().size());
      for (const ScenarioIssue& issue : error.issues())
        CHECK(issue.where.rfind(file.string(), 0) == 0);
    }
  }
}

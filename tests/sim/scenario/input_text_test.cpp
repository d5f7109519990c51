// What the loader says about files that are not a scenario's text, and about where it looks for
// a relative platform file.
#include <unistd.h>

#include <filesystem>

#include "scenario_test_support.h"

using namespace discolab;

TEST_CASE("a binary file is reported as not a text file, without its bytes") {
  for (const std::string& bytes :
       {std::string("name: x\n\0\0\0", 11), std::string("services: [{name: \xff\xfe}]\n"),
        std::string("\x7f"
                    "ELF\x02\x01\x01\x00",
                    8)}) {
    const ScenarioError error = test::text_error(bytes);
    const std::string what = error.what();
    CHECK_THAT(what, Catch::Contains("not a text file"));
    CHECK(what.find('\xff') == std::string::npos);
    CHECK(what.find('\0') == std::string::npos);
  }
  // UTF-8 text is text.
  CHECK_NOTHROW(
      parse_scenario("description: \"naïve café — ✓\"\nservices: [{name: web}]\n", "utf8.yaml"));
}

TEST_CASE("tabs in the indentation are named as such, at their line and column") {
  const ScenarioError error = test::text_error("services:\n\t- name: web\n");
  INFO(error.what());
  REQUIRE(error.issues().size() == 1);
  CHECK_THAT(error.issues()[0].where, Catch::EndsWith(":2:1"));
  CHECK_THAT(error.issues()[0].message, Catch::Contains("tabs for indentation"));
}

TEST_CASE("a relative platform file of a bare scenario file name is found from here") {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(std::string(DISCOLAB_SOURCE_DIR) + "/tests/data/scenarios");
  Scenario s;
  CHECK_NOTHROW(s = load_scenario("platform_file.yaml"));
  std::filesystem::current_path(previous);
  CHECK(s.platform.file ==
        std::string(DISCOLAB_SOURCE_DIR) + "/tests/data/scenarios/platforms/two_hosts.xml");
}

TEST_CASE("a scenario name must be a plain folder name") {
  for (const char* name : {"../../x", "a/b", ".hidden", "a\\\\b"}) {
    DYNAMIC_SECTION(name) {
      const ScenarioError error =
          test::text_error(std::string("name: \"") + name + "\"\nservices: [{name: web}]\n");
      REQUIRE(error.issues().size() == 1);
      CHECK(error.issues()[0].key_path == "name");
      CHECK_THAT(error.issues()[0].where, Catch::EndsWith(":1:7"));
      CHECK_THAT(error.issues()[0].message, Catch::Contains("cannot name a results folder"));
    }
  }
  CHECK_NOTHROW(parse_scenario("name: my-study_2.v1\nservices: [{name: web}]\n", "ok.yaml"));
}

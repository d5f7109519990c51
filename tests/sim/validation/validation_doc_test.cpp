// docs/validation.md is current: it is docs/validation.md.in with the results table of every
// case in table order, each row's theory value the one the case computes now from its
// scenario, and every row passing. The simulated side cannot be recomputed cheaply (the full
// suite takes minutes: CTest label validate-theory); this test checks the structure and the
// theory values only.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario_loader.h"
#include "sim/validation/validation_case.h"
#include "sim/validation/validation_run.h"

using namespace discolab;
using namespace discolab::validation;

namespace {

const std::filesystem::path kRoot = DISCOLAB_SOURCE_DIR;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The cells of a Markdown table row, trimmed ("| a | b |" → {"a", "b"}).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::size_t at = 1;
  while (at < line.size()) {
    const std::size_t bar = line.find('|', at);
    if (bar == std::string::npos) break;
    std::string cell = line.substr(at, bar - at);
    cell.erase(0, cell.find_first_not_of(' '));
    cell.erase(cell.find_last_not_of(' ') + 1);
    out.push_back(cell);
    at = bar + 1;
  }
  return out;
}

// The results table's data rows: the lines after the header "| case | …" and its rule.
std::vector<std::vector<std::string>> result_rows(const std::string& doc) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(doc);
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line.rfind("| case | model |", 0) == 0) {
      in_table = true;
      std::getline(in, line);  // the rule
      continue;
    }
    if (!in_table) continue;
    if (line.rfind("| ", 0) != 0) break;
    rows.push_back(cells(line));
  }
  return rows;
}

}  // namespace

TEST_CASE("validation: docs/validation.md is the template filled with every case's row",
          "[validation][docs]") {
  const std::string templ = read(kRoot / "docs/validation.md.in");
  const std::string doc = read(kRoot / "docs/validation.md");
  const std::string marker = "{{results}}";
  const std::size_t at = templ.find(marker);
  REQUIRE(at != std::string::npos);
  INFO("regenerate it: build/discolab validate-theory (docs/validation.md)");
  // The hand-written text around the table is the template's, unchanged.
  CHECK(doc.substr(0, at) == templ.substr(0, at));
  const std::string tail = templ.substr(at + marker.size());
  REQUIRE(doc.size() >= tail.size());
  CHECK(doc.substr(doc.size() - tail.size()) == tail);
  // A full run (not --quick) wrote it.
  CHECK(doc.find("`discolab validate-theory` (discolab") != std::string::npos);

  const std::vector<ValidationCase> cases = validation_cases();
  const auto rows = result_rows(doc);
  REQUIRE(rows.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const ValidationCase& c = cases[i];
    INFO("row " << i << ": " << c.name);
    REQUIRE(rows[i].size() == 10);
    CHECK(rows[i][0] == c.name);
    CHECK(rows[i][1] == c.model);
    CHECK(rows[i][2] == c.quantity);
    const Scenario sc = load_scenario((kRoot / c.scenario).string(), c.sets);
    const Expectation expected = c.distribution ? ks_expectation(0) : c.theory(sc);
    // The table prints 4 significant digits.
    CHECK(std::strtod(rows[i][3].c_str(), nullptr) == Approx(expected.value).epsilon(5e-4));
    CHECK(rows[i][5] == expected.tolerance);
    CHECK(rows[i][9] == "pass");
  }
}

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "scenario_test_support.h"
#include "sim/scenario/schema.h"

using namespace discolab;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Whether some node of `node` has the key path `parts` ("services", "[]", "name" …).
bool has_path(const YAML::Node& node, const std::vector<std::string>& parts, std::size_t at = 0) {
  if (at == parts.size()) return true;
  if (parts[at] == "[]") {
    if (!node.IsSequence()) return false;
    for (const auto& item : node)
      if (has_path(item, parts, at + 1)) return true;
    return false;
  }
  return node.IsMap() && node[parts[at]] && has_path(node[parts[at]], parts, at + 1);
}

std::vector<std::string> split_schema_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : path) {
    if (c == '.' || c == '[') {
      if (!current.empty()) parts.push_back(current);
      current.clear();
      if (c == '[') parts.push_back("[]");
    } else if (c != ']') {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

}  // namespace

TEST_CASE("docs/scenario.md is the generated schema") {
  const std::string path = std::string(DISCOLAB_SOURCE_DIR) + "/docs/scenario.md";
  const std::string generated = scenario_schema_markdown();
  if (std::getenv("DISCOLAB_UPDATE_DOCS") != nullptr)
    std::ofstream(path, std::ios::binary) << generated;
  INFO("regenerate with: DISCOLAB_UPDATE_DOCS=1 ctest --test-dir <build> -R sim/scenario");
  CHECK(read_file(path) == generated);
}

TEST_CASE("the docs document every key with its type, default and help") {
  const std::string docs = scenario_schema_markdown();
  for (const SchemaEntry& entry : scenario_schema()) {
    INFO(entry.path);
    CHECK_FALSE(entry.help.empty());
    CHECK_FALSE(entry.type.empty());
    if (entry.type == "choice") CHECK_FALSE(entry.choices.empty());
    CHECK_THAT(docs, Catch::Contains("`" + entry.path + "`"));
  }
  CHECK_THAT(docs, Catch::Contains("`services[].service_time.mean` | duration | `5ms` | > 0s"));
  CHECK_THAT(docs, Catch::Contains("`pattern` | choice | `client-side` | `client-side`, `dns`, "
                                   "`central-lb`, `per-host-proxy`, `api-gateway`"));
}

TEST_CASE("the example in the docs is a valid scenario") {
  const std::string docs = scenario_schema_markdown();
  const std::string fence = "```yaml\n";
  const auto start = docs.find(fence);
  REQUIRE(start != std::string::npos);
  const auto end = docs.find("```", start + fence.size());
  const std::string example = docs.substr(start + fence.size(), end - start - fence.size());
  const Scenario s = load_scenario(test::write_temp_file("docs_example.yaml", example));
  CHECK(s.name == "rolling-deploy");
  CHECK(s.patterns.client_side.balancing.policy == BalancerKind::least_request);
}

TEST_CASE("tests/data/scenarios/full.yaml sets every key of the schema") {
  const YAML::Node full = YAML::LoadFile(test::scenario_data("full.yaml"));
  for (const SchemaEntry& entry : scenario_schema()) {
    INFO(entry.path);
    CHECK(has_path(full, split_schema_path(entry.path)));
  }
}

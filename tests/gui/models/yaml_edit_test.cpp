#include "gui/models/yaml_edit.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using discolab::gui::set_yaml_value;

TEST_CASE("set_yaml_value replaces a value where it is written") {
  const std::string text =
      "# a comment\n"
      "duration: 10m  # trailing\n"
      "services:\n"
      "  - name: web\n"
      "    replicas: 12\n"
      "  - {name: db, replicas: 2}\n"
      "patterns:\n"
      "  dns:\n"
      "    dns: {server: {ttl: \"5s\"}}\n";
  CHECK(set_yaml_value(text, "duration", "2m") ==
        "# a comment\nduration: 2m  # trailing\nservices:\n  - name: web\n    replicas: 12\n"
        "  - {name: db, replicas: 2}\npatterns:\n  dns:\n    dns: {server: {ttl: \"5s\"}}\n");
  CHECK(set_yaml_value(text, "services.web.replicas", "4").find("    replicas: 4\n") !=
        std::string::npos);
  CHECK(set_yaml_value(text, "services.1.replicas", "7").find("{name: db, replicas: 7}") !=
        std::string::npos);
  CHECK(set_yaml_value(text, "patterns.dns.dns.server.ttl", "30s")
            .find("dns: {server: {ttl: 30s}}") != std::string::npos);
}

TEST_CASE("set_yaml_value adds a key the text does not hold") {
  const std::string text = "duration: 10m\npatterns:\n  dns: {}\n";
  const std::string out = set_yaml_value(text, "patterns.dns.dns.server.ttl", "30s");
  CHECK(out.find("ttl: 30s") != std::string::npos);
  CHECK(out.find("duration: 10m") != std::string::npos);
  CHECK(set_yaml_value("", "seed", "3").find("seed: 3") != std::string::npos);
}

TEST_CASE("set_yaml_value refuses paths through values and unknown list items") {
  const std::string text = "duration: 10m\nservices:\n  - name: web\n";
  CHECK_THROWS_AS(set_yaml_value(text, "duration.x", "1"), std::invalid_argument);
  CHECK_THROWS_AS(set_yaml_value(text, "services.api.replicas", "1"), std::invalid_argument);
  CHECK_THROWS_AS(set_yaml_value("a: [1, 2\n", "a", "1"), std::invalid_argument);
}

// topology.json: every run folder records its hosts, the pattern's components and the callers,
// as the pattern factory places them (docs/metrics.md).
#include "sim/run/topology_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "sim/run/pattern_factory.h"
#include "sim/run/run.h"
#include "sim/scenario/scenario_loader.h"

using namespace discolab;
namespace fs = std::filesystem;

namespace {

const std::string kQuickstart = DISCOLAB_SOURCE_DIR "/scenarios/quickstart.yaml";

const nlohmann::json* component(const nlohmann::json& doc, const std::string& name) {
  for (const auto& c : doc["components"])
    if (c["name"] == name) return &c;
  return nullptr;
}

nlohmann::json layout_of(const std::string& pattern, std::vector<std::string> sets = {}) {
  sets.push_back("pattern=" + pattern);
  const Scenario scenario = load_scenario(kQuickstart, sets);
  return topology_json(scenario, load_checked_platform(scenario));
}

// A line of events.csv split at its commas (the view rows this reads quote nothing).
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("topology: hosts with their racks, callers round-robin over the hosts") {
  const nlohmann::json doc = layout_of("client-side");
  CHECK(doc["format"] == kTopologyFormat);
  CHECK(doc["pattern"] == "client-side");
  REQUIRE(doc["hosts"].size() == 8);  // quickstart: 2 racks × 4 hosts
  std::set<int> racks;
  for (const auto& h : doc["hosts"]) racks.insert(h["rack"].get<int>());
  CHECK(racks == std::set<int>{0, 1});
  REQUIRE(doc["clients"].size() == 1);
  const auto& users = doc["clients"][0];
  CHECK(users["group"] == "users");
  CHECK(users["target"] == "web");
  CHECK(users["external"] == true);
  REQUIRE(users["callers"].size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    const auto& caller = users["callers"][i];
    CHECK(caller["name"] == "users-" + std::to_string(i));
    CHECK(caller["host"] == doc["hosts"][i]["name"]);
    CHECK(caller["via"].empty());
    CHECK(caller["view"] == "client/users-" + std::to_string(i));
    CHECK(caller["source"] == "registry");
  }
  const nlohmann::json* registry = component(doc, "registry");
  REQUIRE(registry != nullptr);
  CHECK((*registry)["kind"] == "registry");
  CHECK((*registry)["host"] == doc["hosts"][0]["name"]);
  CHECK((*registry)["view"] == "registry/main");
}

TEST_CASE("topology: each pattern's components, and the route of its callers") {
  SECTION("dns") {
    const nlohmann::json doc = layout_of("dns");
    const nlohmann::json* dns = component(doc, "dns-server");
    REQUIRE(dns != nullptr);
    CHECK((*dns)["source"] == "registry");
    CHECK((*dns)["view"] == "dns-server");
    CHECK(doc["clients"][0]["callers"][0]["source"] == "dns-server");
  }
  SECTION("central-lb with a standby on a host of its own") {
    const std::string host5 = layout_of("central-lb")["hosts"][5]["name"];
    const nlohmann::json doc =
        layout_of("central-lb", {"patterns.central_lb.lb.standby_host=" + host5});
    REQUIRE(component(doc, "lb") != nullptr);
    REQUIRE(component(doc, "lb-standby") != nullptr);
    CHECK((*component(doc, "lb"))["kind"] == "load-balancer");
    CHECK((*component(doc, "lb-standby"))["host"] == host5);
    CHECK((*component(doc, "lb-standby"))["view"] == "lb/standby");
    const auto& caller = doc["clients"][0]["callers"][3];
    CHECK(caller["via"] == nlohmann::json::array({"lb"}));
    CHECK(caller["view"] == "lb/primary");
    CHECK(caller["source"] == "");
  }
  SECTION("per-host-proxy: a proxy on every host, each caller through its own host's") {
    const nlohmann::json doc = layout_of("per-host-proxy");
    for (const auto& h : doc["hosts"]) {
      const std::string name = h["name"];
      const nlohmann::json* proxy = component(doc, "proxy@" + name);
      REQUIRE(proxy != nullptr);
      CHECK((*proxy)["host"] == name);
      CHECK((*proxy)["view"] == "proxy/" + name);
    }
    const auto& caller = doc["clients"][0]["callers"][2];
    CHECK(caller["via"] == nlohmann::json::array({"proxy@" + caller["host"].get<std::string>()}));
  }
  SECTION("api-gateway: external callers through the gateway, internal ones directly") {
    const nlohmann::json doc = layout_of("api-gateway", {"clients.users.external=false"});
    REQUIRE(component(doc, "gateway") != nullptr);
    CHECK(doc["clients"][0]["callers"][0]["via"].empty());
    const nlohmann::json external = layout_of("api-gateway");
    CHECK(external["clients"][0]["callers"][0]["via"] == nlohmann::json::array({"gateway"}));
    CHECK(external["clients"][0]["callers"][0]["view"] == "gateway/primary");
  }
}

// The view subjects topology.json names are the ones the run's view rows carry: each caller's
// view of its target, and some view of each component that holds one.
TEST_CASE("topology: every run writes topology.json, naming the views events.csv has") {
  const Scenario scenario = load_scenario(kQuickstart, {"duration=20s", "metrics.warmup=0s"});
  const fs::path root =
      fs::temp_directory_path() / ("discolab-topology-" + std::to_string(::getpid()));
  fs::remove_all(root);
  for (std::string_view pattern : runnable_patterns()) {
    INFO(pattern);
    RunRequest request;
    request.scenario = scenario;
    request.pattern = std::string(pattern);
    request.out = root / pattern;
    Progress progress(ProgressMode::none, scenario.duration);
    run_simulation(request, progress);
    std::ifstream in(request.out / "topology.json");
    REQUIRE(in);
    const nlohmann::json written = nlohmann::json::parse(in);
    Scenario as_run = scenario;
    as_run.pattern = std::string(pattern);
    CHECK(written == topology_json(as_run, load_checked_platform(as_run)));

    std::ifstream events(request.out / "events.csv");
    std::set<std::pair<std::string, std::string>> opened;  // (subject, service)
    for (std::string line; std::getline(events, line);) {
      const auto fields = split(line);
      if (fields.size() >= 4 && fields[1] == "view_open") opened.insert({fields[2], fields[3]});
    }
    const auto has_view = [&](const std::string& view, const std::string& service) {
      for (const auto& [subject, s] : opened)
        if ((subject == view || subject.starts_with(view + "/")) &&
            (service.empty() || s == service))
          return true;
      return false;
    };
    for (const auto& client : written["clients"])
      for (const auto& caller : client["callers"]) {
        INFO(caller["name"]);
        CHECK(has_view(caller["view"], client["target"]));
      }
    for (const auto& c : written["components"]) {
      INFO(c["name"]);
      if (c["view"] != "") CHECK(has_view(c["view"], ""));
    }
  }
  fs::remove_all(root);
}

// The figures table against what discolab really writes and documents: every number of a real
// summary.json is a declared figure, every declared figure appears, and docs/metrics.md's
// reference is what `discolab figures --markdown` prints.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "run_command.h"
#include "sim/metrics/figures.h"

using namespace discolab::testing;
using discolab::metrics::DeclaredFigure;
using json = nlohmann::json;

namespace {

// Every leaf of `j` (numbers, null, text, arrays; the resolved scenario is one leaf) with its
// dotted key.
void leaves(const json& j, const std::string& key, std::vector<std::pair<std::string, json>>& out) {
  if (j.is_object() && key != "scenario") {
    for (const auto& [name, child] : j.items())
      leaves(child, key.empty() ? name : key + "." + name, out);
  } else {
    out.emplace_back(key, j);
  }
}

constexpr std::string_view kBegin = "<!-- figures:begin";
constexpr std::string_view kEnd = "<!-- figures:end -->";

}  // namespace

TEST_CASE("every number of summary.json is a declared figure, and every figure appears",
          "[cli][figures]") {
  std::set<std::string> seen;
  for (const char* pattern :
       {"client-side", "dns", "central-lb", "per-host-proxy", "api-gateway"}) {
    INFO(pattern);
    const auto out = scratch(std::string("figures-") + pattern);
    const auto r = run_discolab(std::string("run scenarios/quickstart.yaml --pattern ") + pattern +
                                " --set duration=90s --set metrics.warmup=10s --progress none "
                                "--out " +
                                out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json s = json::parse(read_file(out / "summary.json"));
    REQUIRE(s["by_client"].size() == 3);  // users, web->api, api->db
    std::vector<std::pair<std::string, json>> all;
    leaves(s, "", all);
    for (const auto& [key, value] : all) {
      INFO(key);
      const DeclaredFigure* d = discolab::metrics::find_figure(key);
      REQUIRE(d != nullptr);
      seen.insert(d->key);
      if (d->figure->quantile > 0) {
        // The sample rule: null exactly when its sample count is below the minimum.
        const json* n = discolab::metrics::sample_count(s, key);
        REQUIRE(n != nullptr);
        const bool enough =
            n->get<std::uint64_t>() >= discolab::metrics::min_samples(d->figure->quantile);
        CHECK(value.is_number() == enough);
      }
    }
  }
  for (const DeclaredFigure& d : discolab::metrics::all_figures()) {
    if (d.file() != discolab::metrics::kSummary) continue;
    INFO(d.key);
    CHECK(seen.contains(d.key));
  }
}

TEST_CASE("docs/metrics.md's figure reference is what `discolab figures --markdown` prints",
          "[cli][figures][docs]") {
  const auto printed = run_discolab("figures --markdown");
  REQUIRE(printed.exit_code == 0);
  const std::string path = std::string(DISCOLAB_SOURCE_DIR) + "/docs/metrics.md";
  std::string doc = read_file(path);
  const auto begin = doc.find(kBegin);
  REQUIRE(begin != std::string::npos);
  const auto body = doc.find("-->", begin) + 4;  // after the marker comment and its newline
  const auto end = doc.find(kEnd, body);
  REQUIRE(end != std::string::npos);
  if (std::getenv("DISCOLAB_UPDATE_DOCS") != nullptr) {
    doc.replace(body, end - body, printed.out);
    std::ofstream(path, std::ios::binary) << doc;
  }
  INFO(
      "docs/metrics.md is out of date: regenerate its figure reference with "
      "DISCOLAB_UPDATE_DOCS=1 ctest --test-dir build -R 'docs/metrics.md' (it pastes what "
      "`discolab figures --markdown` prints between the figures:begin/end markers)");
  CHECK(read_file(path).substr(body, end - body) == printed.out);
}

TEST_CASE("discolab figures lists every figure, and explains itself", "[cli][figures]") {
  const auto list = run_discolab("figures");
  REQUIRE(list.exit_code == 0);
  CHECK_THAT(list.out, Catch::Contains("latency.p99_ms"));
  CHECK_THAT(list.out, Catch::Contains("by_client.<group>.latency.samples"));
  CHECK_THAT(list.out, Catch::Contains("timeseries.csv"));
  const auto help = run_discolab("figures --help");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("--markdown"));
  CHECK(run_discolab("figures --nonsense").exit_code == 2);
}

// `discolab compare` end to end: the real binary, its children, its folder.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_command.h"

using namespace discolab::testing;

TEST_CASE("compare runs each pattern on each seed and writes comparison.csv", "[cli][compare]") {
  const auto a = scratch("compare-a"), b = scratch("compare-b");
  const std::string args =
      "compare scenarios/quickstart.yaml --seeds 2 -j 2 --quiet --set duration=40s "
      "--set metrics.warmup=10s --out ";
  const auto ra = run_discolab(args + a.string());
  REQUIRE(ra.exit_code == 0);
  CHECK(ra.out.find("client-side (n=2)") != std::string::npos);
  CHECK(ra.out.find("latency p99") != std::string::npos);
  for (const char* run : {"client-side-seed1", "client-side-seed2"})
    CHECK(std::filesystem::exists(a / "runs" / run / "summary.json"));
  const std::string csv = read_file(a / "comparison.csv");
  CHECK(csv.find("client-side,latency.p99_ms,ms,lower,2,") != std::string::npos);
  const auto meta = nlohmann::json::parse(read_file(a / "compare.json"));
  CHECK(meta["first_seed"] == 1);
  CHECK(meta["overrides"].size() == 2);
  // The same comparison again gives the same bytes (common random numbers, fixed seeds).
  REQUIRE(run_discolab(args + b.string()).exit_code == 0);
  CHECK(read_file(b / "comparison.csv") == csv);
}

TEST_CASE("compare refuses bad input before starting a run", "[cli][compare]") {
  const auto out = scratch("compare-bad");
  auto r = run_discolab("compare scenarios/quickstart.yaml --patterns client-side,nope --out " +
                        out.string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("nope") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  r = run_discolab("compare scenarios/quickstart.yaml --seeds 0");
  CHECK(r.exit_code == 2);
  std::filesystem::create_directories(out);
  r = run_discolab("compare scenarios/quickstart.yaml --seeds 1 --out " + out.string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("already exists") != std::string::npos);
}

// `discolab tune` end to end, on a scenario whose answer follows from a closed form
// (data/client-fetch-delay.yaml): callers polling every F see a change F/2 later on average,
// and their fetches cost 1/F, so the cheapest F whose mean view delay meets a bound B is 2B.
#include <catch2/catch.hpp>
#include <csignal>
#include <nlohmann/json.hpp>

#include "sim/batch/sqlite_db.h"
#include "tests/sim/cli/background_run.h"
#include "tests/sim/cli/run_command.h"

using namespace discolab;
using namespace discolab::testing;

namespace {

constexpr const char* kDelay = "staleness.by_component.client.propagation_mean_s";

std::vector<std::string> tune_args(const std::string& bound, const std::string& out) {
  return {"tune",        "tests/sim/tune/data/client-fetch-delay.yaml",
          "--pattern",   "client-side",
          "--objective", "control_plane.messages_per_s",
          "--slo",       std::string(kDelay) + " <= " + bound,
          "--vary",      "patterns.client_side.propagation.fetch_interval=1s..10s",
          "--budget",    "60",
          "-j",          "2",
          "--progress",  "lines",
          "--out",       out};
}

std::string shell_words(const std::vector<std::string>& args) {
  std::string out;
  for (const std::string& a : args) out += " '" + a + "'";
  return out;
}

nlohmann::json tune_json(const std::filesystem::path& out) {
  return nlohmann::json::parse(read_file(out / "tune.json"));
}

// The closed form: the mean time from a change to the next fetch, F/2.
double view_delay(double fetch_interval_s) { return fetch_interval_s / 2; }

double seconds(const std::string& text) {  // "3.436s"
  REQUIRE(text.ends_with("s"));
  return std::stod(text.substr(0, text.size() - 1));
}

}  // namespace

TEST_CASE("tune finds the fetch interval the closed form gives, within its interval") {
  const auto out = scratch("tune-closed-form");
  const CommandResult r = run_discolab(shell_words(tune_args("2s", out.string())));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = tune_json(out);
  const nlohmann::json& cs = j["patterns"][0];
  REQUIRE(cs["meets_slo"] == true);
  const double f_best = seconds(cs["setting"]["patterns.client_side.propagation.fetch_interval"]);
  const double f_star = 4.0;  // view_delay(f_star) = 2 s
  const nlohmann::json& delay = cs["slos"][0];
  const double low = delay["ci95_low"], high = delay["ci95_high"];
  INFO("best fetch interval " << f_best << " s, closed form " << f_star << " s; measured delay "
                              << delay["mean"] << " [" << low << ", " << high << "]");
  // The measurement at the setting found is the closed form's, within its 95% interval …
  const double theory_at_best = view_delay(f_best);
  CHECK(low <= theory_at_best);
  CHECK(theory_at_best <= high);
  // … and the setting is the closed form's answer within that interval: tune keeps the
  // largest F whose measured mean meets the bound, so F/2 lies within about one interval width
  // of the bound; in F (dF = 2 d(delay)) that is 2 × the width, taken twice for the search's
  // own resolution.
  CHECK(std::abs(f_best - f_star) <= 2 * 2 * (high - low));
  CHECK(std::abs(f_best - f_star) < 0.1 * f_star);
  CHECK(cs["binding"] == std::string(kDelay) + " <= 2s");
  CHECK(j["runs"]["requested"].get<int>() <= 80);
  CHECK(std::filesystem::file_size(out / "plots" / "pareto.png") > 0);
  CHECK(r.out.find("binding constraint: " + std::string(kDelay)) != std::string::npos);
  // The store is a batch store: `export` reads it.
  const CommandResult e = run_discolab("export '" + (out / "results.sqlite").string() + "'");
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("patterns.client_side.propagation.fetch_interval") != std::string::npos);
}

TEST_CASE("tune states which SLO no setting in range meets, and by how much") {
  // The smallest mean view delay in range is at F = 1 s: 0.5 s.
  const auto out = scratch("tune-infeasible");
  const CommandResult r = run_discolab(shell_words(tune_args("300ms", out.string())));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("client-side: NO setting within the ranges meets the SLO. Closest point "
                   "patterns.client_side.propagation.fetch_interval=1s") != std::string::npos);
  CHECK(r.out.find("fails  " + std::string(kDelay) + " = ") != std::string::npos);
  CHECK(r.out.find("above its bound 0.3 s: not met") != std::string::npos);
  const nlohmann::json cs = tune_json(out)["patterns"][0];
  CHECK(cs["meets_slo"] == false);
  const double closest = cs["slos"][0]["mean"];
  CHECK(closest == Approx(view_delay(1.0)).epsilon(0.1));
}

TEST_CASE("a killed tune resumes from its store and gives the same answer") {
  const auto whole = scratch("tune-whole"), killed = scratch("tune-killed");
  const CommandResult a = run_discolab(shell_words(tune_args("2s", whole.string())));
  REQUIRE(a.exit_code == 0);

  std::int64_t stored = 0;
  {
    BackgroundRun run(tune_args("2s", killed.string()));
    REQUIRE(run.wait_for(killed / "results.sqlite"));
    for (int i = 0; i < 6000 && stored < 12; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      try {
        batch::Database db(killed / "results.sqlite", false);
        auto q = db.prepare("SELECT count(*) FROM runs WHERE status = 'ok'");
        if (q.step()) stored = q.integer(0);
      } catch (const std::exception&) {  // the tables are not there yet
      }
    }
    REQUIRE(stored >= 12);
    run.signal(SIGKILL);
    CHECK(run.wait() == 256 + SIGKILL);
  }
  CHECK_FALSE(std::filesystem::exists(killed / "tune.json"));

  const CommandResult b = run_discolab(shell_words(tune_args("2s", killed.string())));
  INFO(b.out << b.err);
  REQUIRE(b.exit_code == 0);
  const nlohmann::json ja = tune_json(whole), jb = tune_json(killed);
  CHECK(jb["runs"]["skipped_stored"].get<std::int64_t>() >= stored);
  CHECK(jb["runs"]["executed"].get<std::int64_t>() +
            jb["runs"]["skipped_stored"].get<std::int64_t>() ==
        jb["runs"]["requested"].get<std::int64_t>());
  CHECK(jb["runs"]["requested"] == ja["runs"]["requested"]);
  CHECK(jb["patterns"] == ja["patterns"]);
}

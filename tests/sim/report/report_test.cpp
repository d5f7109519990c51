// `discolab report` on fixture stores: the tables' means and intervals against an independent
// computation, the plots gnuplot draws (PNG signature, SVG with one line per pattern), the
// panels of a two-parameter sweep, and a report without gnuplot.
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <numbers>
#include <sstream>

#include "sim/report/gnuplot_plots.h"
#include "sim/report/report_document.h"
#include "sim/report/report_tables.h"
#include "sim/report/report_writer.h"
#include "tests/sim/report/fixture_store.h"

using namespace discolab;
using namespace discolab::testing;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Student-t 97.5% quantiles in closed form: df 1 (Cauchy) and df 2.
const double kT1 = std::tan(std::numbers::pi * 0.475);
const double kT2 = 0.95 * std::sqrt(2.0 / (4 * 0.975 * 0.025));

struct Expected {
  std::size_t n;
  double mean, half;  // half NaN when n < 2
};

// latency.p99_ms of the one-parameter fixture at (ttl, pattern), from its formulas.
Expected expected_p99(double ttl, const std::string& pattern) {
  const double base = fixture_base(pattern) + ttl / 2;
  if (ttl == 100 && pattern == "server-side")  // seed 3 failed: seeds 1, 2; s = √0.5
    return {2, base + 1.5, kT1 * std::sqrt(0.5) / std::sqrt(2.0)};
  return {3, base + 2, kT2 * 1.0 / std::sqrt(3.0)};  // seeds 1..3: s = 1
}

// staleness.propagation_p99_s: seed 1 undefined, so seeds 2 and 3 (or 2 alone).
Expected expected_propagation(double ttl, const std::string& pattern) {
  if (ttl == 100 && pattern == "server-side") return {1, ttl + 0.2, NAN};
  return {2, ttl + 0.25, kT1 * std::sqrt(0.005) / std::sqrt(2.0)};
}

std::vector<std::vector<std::string>> tables_csv(const std::filesystem::path& dir) {
  std::istringstream in(read(dir / "tables.csv"));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  for (; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::stringstream ls(line);
    for (std::string f; std::getline(ls, f, ',');) fields.push_back(f);
    if (line.ends_with(',')) fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

void check_row(const std::vector<std::string>& row, const Expected& e) {
  INFO(row[2] << " " << row[3] << " " << row[4]);
  REQUIRE(row.size() == 10);
  CHECK(std::stoul(row[6]) == e.n);
  CHECK(std::stod(row[7]) == Approx(e.mean).epsilon(1e-12));
  if (std::isnan(e.half)) {
    CHECK(row[8].empty());
    CHECK(row[9].empty());
  } else {
    CHECK(std::stod(row[8]) == Approx(e.mean - e.half).epsilon(1e-9));
    CHECK(std::stod(row[9]) == Approx(e.mean + e.half).epsilon(1e-9));
  }
}

std::filesystem::path gnuplot() {
  const auto g = report::find_gnuplot();
  INFO("gnuplot is not on PATH: scripts/setup.sh installs gnuplot-nox");
  REQUIRE(g.has_value());
  return *g;
}

// The <g id="gnuplot_plot_N"> groups of an SVG titled `title`, and the <path>s inside each.
std::vector<int> paths_in_plots_titled(const boost::property_tree::ptree& node,
                                       const std::string& title) {
  std::vector<int> found;
  std::function<int(const boost::property_tree::ptree&)> count_paths =
      [&](const boost::property_tree::ptree& n) {
        int c = 0;
        for (const auto& [name, child] : n) c += (name == "path" ? 1 : 0) + count_paths(child);
        return c;
      };
  std::function<void(const boost::property_tree::ptree&)> walk =
      [&](const boost::property_tree::ptree& n) {
        for (const auto& [name, child] : n) {
          if (name == "g" && child.get("<xmlattr>.id", "").starts_with("gnuplot_plot_") &&
              child.get("title", "") == title)
            found.push_back(count_paths(child));
          walk(child);
        }
      };
  walk(node);
  return found;
}

}  // namespace

TEST_CASE("base64 encodes as RFC 4648's test vectors", "[report]") {
  CHECK(report::base64("") == "");
  CHECK(report::base64("f") == "Zg==");
  CHECK(report::base64("fo") == "Zm8=");
  CHECK(report::base64("foo") == "Zm9v");
  CHECK(report::base64("foob") == "Zm9vYg==");
  CHECK(report::base64("fooba") == "Zm9vYmE=");
  CHECK(report::base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("the report's tables hold each pattern's mean and 95% interval across seeds",
          "[report]") {
  const auto dir = fixture_dir("report-one");
  write_fixture_store(dir / "results.sqlite");
  report::ReportRequest req;
  req.store = dir / "results.sqlite";
  req.gnuplot = gnuplot();
  const report::ReportResult r = report::write_report(req);
  CHECK(r.folder == dir / "report");
  // user.latency.p99_ms, requests.failure_rate, latency.p99_ms, latency.p999_ms,
  // staleness.propagation_p99_s: the compared figures the fixture has.
  CHECK(r.tables == 5);
  CHECK(r.plots == 4);  // latency.p999_ms is undefined everywhere: nothing to draw

  std::size_t p99_rows = 0, propagation_rows = 0;
  for (const auto& row : tables_csv(r.folder)) {
    REQUIRE(row.size() == 10);
    CHECK(row[0] == "dns.ttl");
    CHECK(row[1].empty());  // one panel
    const double ttl = std::stod(row[5]);
    if (row[2] == "latency.p99_ms") {
      check_row(row, expected_p99(ttl, row[3]));
      ++p99_rows;
    } else if (row[2] == "staleness.propagation_p99_s") {
      check_row(row, expected_propagation(ttl, row[3]));
      ++propagation_rows;
    } else if (row[2] == "latency.p999_ms") {
      CHECK(row[6] == "0");
      CHECK(row[7].empty());
    }
  }
  CHECK(p99_rows == 6);
  CHECK(propagation_rows == 6);

  const std::string md = read(r.folder / "report.md");
  CHECK(md.find("# discolab report: fixture") != std::string::npos);
  CHECK(md.find("| runs | 18 of 18 planned: 17 ok, 1 failed |") != std::string::npos);
  CHECK(md.find("child exited with status 1") != std::string::npos);
  CHECK(md.find("second line") == std::string::npos);  // the error's first line only
  CHECK(md.find("- `dns.ttl`: 1s, 10s, 100s") != std::string::npos);
  CHECK(md.find("left out user.latency.p50_ms") != std::string::npos);
  char expected_row[128];
  const Expected e = expected_p99(100, "server-side");
  std::snprintf(expected_row, sizeof expected_row,
                "| 100s | server-side | 2 | %.4g | %.4g | %.4g |", e.mean, e.mean - e.half,
                e.mean + e.half);
  CHECK(md.find(expected_row) != std::string::npos);
  CHECK(md.find("![latency p99 vs dns.ttl](plots/latency.p99_ms-vs-dns.ttl.png)") !=
        std::string::npos);

  // The plots: real PNGs, SVGs with one line per pattern, a log x axis (1 s to 100 s).
  const auto plots = r.folder / "plots";
  const std::string png = read(plots / "latency.p99_ms-vs-dns.ttl.png");
  CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK(png.size() > 10000);
  boost::property_tree::ptree svg;
  boost::property_tree::read_xml((plots / "latency.p99_ms-vs-dns.ttl.svg").string(), svg);
  for (const char* pattern : {"client-side", "server-side"}) {
    INFO(pattern);
    CHECK(paths_in_plots_titled(svg, pattern) == std::vector<int>{1});
  }
  CHECK(read(plots / "latency.p99_ms-vs-dns.ttl.gp").find("set logscale x") != std::string::npos);

  // The page stands alone: every plot inside it, nothing fetched.
  const std::string html = read(r.folder / "report.html");
  std::size_t embedded = 0;
  for (std::size_t at = 0; (at = html.find("data:image/svg+xml;base64,", at)) != std::string::npos;
       ++at)
    ++embedded;
  CHECK(embedded == 4);
  CHECK(html.find("src=\"plots/") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<style>") != std::string::npos);

  // Again into the same folder: allowed, same tables.
  const std::string tables = read(r.folder / "tables.csv");
  report::write_report(req);
  CHECK(read(r.folder / "tables.csv") == tables);
}

TEST_CASE("a second swept parameter splits the runs into panels", "[report]") {
  const auto dir = fixture_dir("report-two");
  write_fixture_store(dir / "results.sqlite", true);
  report::ReportRequest req;
  req.store = dir / "results.sqlite";
  req.out = dir / "out";
  req.figures = {"latency.p99_ms"};
  req.gnuplot = gnuplot();
  const report::ReportResult r = report::write_report(req);
  CHECK(r.tables == 4);  // churn at ttl 1s and 10s; ttl at churn low and high
  CHECK(r.plots == 4);
  std::size_t rows = 0;
  for (const auto& row : tables_csv(r.folder)) {
    // Each row pools the two seeds of exactly one point: base + ttl/2 + {1,2} (+5 if high).
    const bool by_ttl = row[0] == "dns.ttl";
    const std::string churn = by_ttl ? row[1].substr(std::string("churn=").size()) : row[4];
    const double ttl = by_ttl ? std::stod(row[5]) : std::stod(row[1].substr(8));
    CHECK(row[1].starts_with(by_ttl ? "churn=" : "dns.ttl="));
    const double mean = fixture_base(row[3]) + ttl / 2 + 1.5 + (churn == "high" ? 5 : 0);
    check_row(row, {2, mean, kT1 * std::sqrt(0.5) / std::sqrt(2.0)});
    ++rows;
  }
  CHECK(rows == 4 * 2 * 2);
  const auto plots = r.folder / "plots";
  CHECK(std::filesystem::exists(plots / "latency.p99_ms-vs-dns.ttl--churn=high.png"));
  CHECK(std::filesystem::exists(plots / "latency.p99_ms-vs-churn--dns.ttl=10s.svg"));
  // churn has no number: its values are categories on x, in the sweep's order.
  CHECK(read(plots / "latency.p99_ms-vs-churn--dns.ttl=1s.gp")
            .find("set xtics ('low' 0, 'high' 1)") != std::string::npos);
  // 1 s to 10 s is one decade, not more: a linear axis.
  CHECK(read(plots / "latency.p99_ms-vs-dns.ttl--churn=low.gp").find("logscale") ==
        std::string::npos);
  const std::string md = read(r.folder / "report.md");
  CHECK(md.find("### With churn=high") != std::string::npos);
  CHECK(md.find("### With dns.ttl=10s") != std::string::npos);
}

TEST_CASE("parameters varied together make one axis, not panels", "[report]") {
  const auto dir = fixture_dir("report-zip");
  {
    FixtureStore store(dir / "results.sqlite", {{"batch", "zip"}, {"engine", "fast"}});
    std::int64_t plan = 0;
    for (double ttl : {1.0, 5.0, 30.0})
      for (int seed = 1; seed <= 2; ++seed) {
        FixtureRun r;
        r.run_key = "z" + std::to_string(plan);
        r.plan_index = plan++;
        r.point = static_cast<std::int64_t>(ttl);
        r.pattern = "dns";
        r.seed = static_cast<std::uint64_t>(seed);
        std::ostringstream text;
        text << ttl << "s";
        // The fetch interval follows the TTL (a zip group of the sweep).
        r.params = {{"dns.ttl", text.str(), ttl}, {"fetch_interval", text.str(), ttl}};
        r.figures["latency.p99_ms"] = ttl + seed;
        store.add(r);
      }
  }
  report::ReportRequest req;
  req.store = dir / "results.sqlite";
  req.out = dir / "out";
  req.figures = {"latency.p99_ms"};
  req.gnuplot = gnuplot();
  const report::ReportResult r = report::write_report(req);
  CHECK(r.tables == 1);  // one axis with three points, not one panel per value of the other
  CHECK(r.plots == 1);
  const std::string md = read(r.folder / "report.md");
  CHECK(md.find("Varied together with `fetch_interval`") != std::string::npos);
  CHECK(md.find("### With") == std::string::npos);
}

TEST_CASE("without gnuplot the report has its tables and says plots need gnuplot", "[report]") {
  const auto dir = fixture_dir("report-no-gnuplot");
  write_fixture_store(dir / "results.sqlite");
  report::ReportRequest req;
  req.store = dir / "results.sqlite";
  const report::ReportResult r = report::write_report(req);
  CHECK(r.plots == 0);
  CHECK(r.tables == 5);
  CHECK(std::filesystem::is_empty(r.folder / "plots"));
  CHECK(read(r.folder / "report.md").find("plots need gnuplot (Debian package gnuplot-nox)") !=
        std::string::npos);
  CHECK(read(r.folder / "report.html").find("data:image") == std::string::npos);
}

TEST_CASE("report refuses unknown figures and a folder it did not write", "[report]") {
  const auto dir = fixture_dir("report-bad");
  write_fixture_store(dir / "results.sqlite");
  const report::ResultsStore store = report::load_results_store(dir / "results.sqlite");
  CHECK_THROWS_WITH(report::requested_report_figures(store, {"latency.p98_ms"}),
                    Catch::Contains("latency.p98_ms") && Catch::Contains("discolab figures"));
  CHECK_THROWS_WITH(report::requested_report_figures(store, {"latency.p50_ms"}),
                    Catch::Contains("no run in the store has it"));
  const auto users = report::requested_report_figures(store, {"user.latency.p99_ms"});
  REQUIRE(users.size() == 1);
  CHECK(users[0].key == "by_client.users.latency.p99_ms");
  CHECK(users[0].unit == "ms");

  report::ReportRequest req;
  req.store = dir / "results.sqlite";
  req.out = dir / "elsewhere";
  std::filesystem::create_directories(req.out);
  std::ofstream(req.out / "notes.txt") << "mine\n";
  CHECK_THROWS_WITH(report::write_report(req), Catch::Contains("not a discolab report folder"));
  CHECK(read(req.out / "notes.txt") == "mine\n");
}

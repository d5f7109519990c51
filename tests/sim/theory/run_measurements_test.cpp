#include "sim/theory/run_measurements.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

using namespace discolab::theory;

namespace {

// A results folder with the two files the measurements read, written by hand.
std::filesystem::path folder(const std::string& events) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("discolab-theory-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "summary.json") << R"({
    "counters": {"view_reads.client": 40, "view_reads_stale.client": 6},
    "staleness": {"by_component": {
      "client": {"propagation_mean_s": 1.5},
      "registry": {"by_change": {"unready": {"propagation_mean_s": 23.0, "propagation_pairs": 3}}}
    }}})";
  std::ofstream(dir / "events.csv") << "t_s,kind,subject,service,detail\n" << events;
  return dir;
}

}  // namespace

TEST_CASE("run measurements: stale answers per crash row") {
  const auto dir = folder(
      "0,ready,instance/0,web,\n"
      "10,unready,instance/0,web,\n10,crash,web-0,web,random\n"
      "12,crash,web-1,web,random\n14,crash,web-2,web,random\n");
  const DnsStaleMeasurement m = measure_dns_stale_answers(dir);
  CHECK(m.answers == 40);
  CHECK(m.stale_answers == 6);
  CHECK(m.changes == 3);
  CHECK(m.per_change == Approx(2.0));
  CHECK(m.view_delay_mean_s == Approx(1.5));
  std::filesystem::remove_all(dir);
}

TEST_CASE("run measurements: removal delay from unready to the registry's removal") {
  const auto dir = folder(
      "10,unready,instance/3,web,\n"
      "11,view,client/users-0,web,view=2 size=1 added= removed=3\n"  // not the registry
      "12.5,unready,instance/7,web,\n"
      "13,unready,instance/9,web,\n"
      "40,view,registry/main,web,view=0 size=4 added=11 removed=3;7\n"
      "41,view,registry/main,web,view=0 size=3 added= removed=8\n");  // never unready
  const std::vector<double> d = measure_removal_delays(dir);
  REQUIRE(d.size() == 2);  // instance 9 was never removed
  CHECK(d[0] == Approx(30.0));
  CHECK(d[1] == Approx(27.5));
  const RegistryUnreadySummary s = read_registry_unready(dir);
  CHECK(s.mean_s == Approx(23.0));
  CHECK(s.pairs == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("run measurements: a missing folder is an error") {
  CHECK_THROWS_AS(measure_removal_delays("/nonexistent/discolab"), std::runtime_error);
  CHECK_THROWS_AS(measure_dns_stale_answers("/nonexistent/discolab"), std::runtime_error);
}

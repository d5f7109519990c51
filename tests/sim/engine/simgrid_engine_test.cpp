// What only the simgrid engine does: bandwidth sharing, one engine per process, determinism
// across processes, silence on stdout and stderr.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine_test_support.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {

// Sends two 10 MB messages at t = 0, from hosts `a` and `b` to hosts `c` and `d`, and returns
// when each arrived.
std::vector<SimTime> two_large_messages(Engine& e, HostId a, HostId b, HostId c, HostId d) {
  std::vector<SimTime> arrivals;
  auto sink = [&](const Message&) { arrivals.push_back(e.now()); };
  const EndpointId ea = e.open(a, "test", sink);
  const EndpointId eb = e.open(b, "test", sink);
  const EndpointId ec = e.open(c, "test", sink);
  const EndpointId ed = e.open(d, "test", sink);
  e.send(msg(ea, ec, 10'000'000));
  e.send(msg(eb, ed, 10'000'000));
  e.run_until(e.now() + 1s);
  return arrivals;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("two large messages sharing a link take longer on simgrid than on fast") {
  // rack0-host0 and rack0-host1 both send 10 MB to rack1-host0: its 10 Gbit/s link is shared.
  auto fast = make_test_engine<Fast>();
  auto simgrid = make_test_engine<SimGrid>();
  const auto f = two_large_messages(*fast, 0, 1, 2, 2);
  const auto s = two_large_messages(*simgrid, 0, 1, 2, 2);
  REQUIRE(f.size() == 2);
  REQUIRE(s.size() == 2);
  CHECK(f[1] == 300us + 8ms);  // each alone on the network
  // Shared: the two flows finish together after twice the transfer time.
  CHECK(s[1] > 300us + 15ms);
  CHECK(s[1] < 300us + 17ms);
}

TEST_CASE("simgrid links are full duplex: opposite flows do not share bandwidth") {
  auto simgrid = make_test_engine<SimGrid>();
  const auto s = two_large_messages(*simgrid, 0, 2, 2, 0);  // rack0-host0 <-> rack1-host0
  REQUIRE(s.size() == 2);
  CHECK(s[0] < 300us + 8ms + 10us);
  CHECK(s[1] < 300us + 8ms + 10us);
}

TEST_CASE("a second simgrid engine in one process is an error") {
  auto first = make_test_engine<SimGrid>();
  CHECK_THROWS_WITH(make_test_engine<SimGrid>(), Catch::Contains("one per process"));
}

// Run by the test below in child processes: writes the workload's trace to the file named by
// DISCOLAB_TRACE_OUT.
TEST_CASE("simgrid workload trace", "[.child]") {
  const char* out = std::getenv("DISCOLAB_TRACE_OUT");
  REQUIRE(out != nullptr);
  auto e = make_test_engine<SimGrid>(11);
  std::ofstream file(out);
  for (const auto& line : run_workload(*e)) file << line << "\n";
}

TEST_CASE("the simgrid engine repeats its trace for a seed and prints nothing") {
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  const auto dir = std::filesystem::temp_directory_path() /
                   ("discolab-simgrid-trace-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* run : {"1", "2"}) {
    const std::string cmd = "DISCOLAB_TRACE_OUT='" + (dir / run).string() + "' '" + self.string() +
                            "' 'simgrid workload trace' --out /dev/null > '" +
                            (dir / run).string() + ".console' 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  const std::string first = slurp(dir / "1");
  CHECK(std::count(first.begin(), first.end(), '\n') > 50);
  CHECK(first == slurp(dir / "2"));
  CHECK(slurp(dir / "1.console").empty());  // neither SimGrid nor we wrote to stdout/stderr
  // The fast engine runs the same workload; without contention its trace differs in times only.
  auto fast = make_test_engine<Fast>(11);
  CHECK(run_workload(*fast).size() > 50);
  std::filesystem::remove_all(dir);
}

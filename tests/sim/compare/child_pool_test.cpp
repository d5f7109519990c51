#include "sim/compare/child_pool.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace discolab::compare;

namespace {
ChildJob sh(const std::string& script) { return ChildJob{{"/bin/sh", "-c", script}}; }
}  // namespace

TEST_CASE("the pool hands back every child's lines and exit status", "[child_pool]") {
  std::vector<ChildJob> jobs{sh("echo a; echo b; exit 0"),
                             sh("printf 'x\\ny'; echo oops >&2; exit 3"), sh("kill -TERM $$")};
  std::map<std::size_t, std::vector<std::string>> lines;
  std::map<std::size_t, ChildExit> exits;
  ChildPool pool(2, 20);
  pool.run(jobs, {[&](std::size_t j, const std::string& l) { lines[j].push_back(l); },
                  [&](std::size_t j, const ChildExit& e) { exits[j] = e; }, nullptr});
  REQUIRE(exits.size() == 3);
  CHECK(lines[0] == std::vector<std::string>{"a", "b"});
  CHECK(lines[1] == std::vector<std::string>{"x", "y"});  // a last line without newline too
  CHECK(exits[0].exit_code == 0);
  CHECK(exits[1].exit_code == 3);
  CHECK(exits[1].stderr_tail == "oops\n");
  CHECK(exits[2].signal == SIGTERM);
}

TEST_CASE("the pool runs no more than its parallelism at once", "[child_pool]") {
  // Each child appends to a shared file when it starts and when it ends; with parallel = 2
  // the running count read from the file never exceeds 2.
  const std::string log = std::filesystem::temp_directory_path() / "discolab-pool-order.log";
  std::filesystem::remove(log);
  std::vector<ChildJob> jobs;
  for (int i = 0; i < 5; ++i)
    jobs.push_back(sh("echo + >> " + log + "; sleep 0.05; echo - >> " + log));
  ChildPool pool(2, 10);
  std::size_t done = 0;
  pool.run(jobs,
           {nullptr, [&](std::size_t, const ChildExit& e) { done += e.exit_code == 0; }, nullptr});
  CHECK(done == 5);
  std::ifstream in(log);
  int running = 0, peak = 0;
  for (std::string l; std::getline(in, l);) {
    running += l == "+" ? 1 : -1;
    peak = std::max(peak, running);
  }
  CHECK(peak <= 2);
  CHECK(peak >= 1);
}

TEST_CASE("stop() terminates running children and starts no more", "[child_pool]") {
  std::vector<ChildJob> jobs{sh("sleep 30"), sh("sleep 30"), sh("echo never")};
  ChildPool pool(2, 10);
  std::vector<ChildExit> exits;
  std::vector<std::string> lines;
  int idles = 0;
  pool.run(jobs, {[&](std::size_t, const std::string& l) { lines.push_back(l); },
                  [&](std::size_t, const ChildExit& e) { exits.push_back(e); },
                  [&] {
                    if (++idles == 3) pool.stop();
                  }});
  CHECK(exits.size() == 2);
  for (const auto& e : exits) CHECK(e.signal == SIGTERM);
  CHECK(lines.empty());
}

TEST_CASE("a program that cannot be started is reported, not thrown", "[child_pool]") {
  ChildPool pool(1, 10);
  std::vector<ChildExit> exits;
  pool.run({ChildJob{{"/nonexistent/discolab"}}},
           {nullptr, [&](std::size_t, const ChildExit& e) { exits.push_back(e); }, nullptr});
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].exit_code == 127);
  CHECK(exits[0].stderr_tail.find("cannot start") != std::string::npos);
}

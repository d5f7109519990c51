#include "sim/compare/child_report.h"

#include <catch2/catch.hpp>

using discolab::compare::ChildExit;
using discolab::compare::ChildReport;

TEST_CASE("a child of the same protocol counts when it said done and exited 0", "[child_report]") {
  ChildReport r;
  CHECK(r.read_line(R"({"type":"start","protocol":1,"pattern":"dns"})") == "start");
  CHECK(r.read_line(R"({"type":"churn","protocol":1,"t_s":3,"kind":"crash"})") == "churn");
  // A line without a version (a stream from before it was added) is read as version 1.
  CHECK(r.read_line(R"({"type":"progress","fraction":0.5})") == "progress");
  CHECK(r.fraction == 0.5);
  CHECK(r.read_line(R"({"type":"done","protocol":1,"summary":{"perf":{"wall_s":2}}})") == "done");
  r.finish(ChildExit{0, 0, "", true});
  CHECK(r.ok);
  CHECK(r.wall_s == 2);
}

TEST_CASE("a child of another protocol version fails with a clear error", "[child_report]") {
  ChildReport r;
  CHECK(r.read_line(R"({"type":"start","protocol":2,"pattern":"dns"})").empty());
  CHECK(r.refused);
  // Nothing it says afterwards is read, not even a done line.
  CHECK(r.read_line(R"({"type":"done","protocol":2,"summary":{}})").empty());
  r.finish(ChildExit{0, 0, "", true});
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("protocol 2") != std::string::npos);
  CHECK(r.error.find("reads protocol 1") != std::string::npos);
  ChildReport text;
  CHECK(text.read_line(R"({"type":"start","protocol":"1"})").empty());
  CHECK(text.refused);
}

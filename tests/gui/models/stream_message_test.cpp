#include "gui/models/stream_message.h"

#include <catch2/catch.hpp>

using discolab::gui::parse_stream_line;
using Type = discolab::gui::StreamMessage::Type;

TEST_CASE("stream lines of every type are read") {
  const auto start = parse_stream_line(
      R"({"type":"start","scenario":"q","pattern":"dns","seed":1,"version":"0.1.0","folder":"r/x"})");
  CHECK(start.type == Type::start);
  CHECK(start.version == "0.1.0");
  CHECK(start.folder == "r/x");
  const auto interval = parse_stream_line(
      R"({"t_s":2.0,"warmup":1,"latency_p99_ms":null,"completed_per_s":150.5,"type":"interval"})");
  CHECK(interval.type == Type::interval);
  CHECK(interval.figures.value("t_s").toDouble() == 2.0);
  CHECK(interval.figures.value("completed_per_s").toDouble() == 150.5);
  CHECK(interval.figures.contains("latency_p99_ms"));
  CHECK(!interval.figures.value("latency_p99_ms").isValid());
  CHECK(!interval.figures.contains("type"));
  const auto progress =
      parse_stream_line(R"({"type":"progress","t_s":30,"fraction":0.25,"wall_s":1,"eta_s":3})");
  CHECK(progress.type == Type::progress);
  CHECK(progress.fraction == 0.25);
  const auto done = parse_stream_line(R"({"type":"done","folder":"f","summary":{"seed":3}})");
  CHECK(done.type == Type::done);
  CHECK(done.summary.at("seed") == 3);
  const auto error = parse_stream_line(R"({"type":"error","message":"bad","exit_code":2})");
  CHECK(error.type == Type::error);
  CHECK(error.message == "bad");
  CHECK(error.exit_code == 2);
}

TEST_CASE("lines that are not messages of this version are unknown") {
  CHECK(parse_stream_line("").type == Type::unknown);
  CHECK(parse_stream_line("discolab: removed partial results").type == Type::unknown);
  CHECK(parse_stream_line("[1,2]").type == Type::unknown);
  CHECK(parse_stream_line(R"({"type":7})").type == Type::unknown);
  CHECK(parse_stream_line(R"({"type":"events","n":3})").type == Type::unknown);
  CHECK(parse_stream_line(R"({"type":"events","protocol":1,"n":3})").type == Type::unknown);
}

TEST_CASE("the protocol version: 1 or none is read, another is incompatible and says why") {
  CHECK(parse_stream_line(R"({"type":"start","protocol":1,"version":"x"})").type == Type::start);
  CHECK(parse_stream_line(R"({"type":"start","version":"x"})").type == Type::start);
  const auto newer = parse_stream_line(R"({"type":"start","protocol":2,"version":"9.0"})");
  CHECK(newer.type == Type::incompatible);
  CHECK(newer.problem.contains("protocol 2"));
  CHECK(newer.problem.contains("reads protocol 1"));
  CHECK(parse_stream_line(R"({"type":"interval","protocol":"1","t_s":1})").type ==
        Type::incompatible);
  CHECK(parse_stream_line(R"({"type":"done","protocol":0,"summary":{}})").type ==
        Type::incompatible);
  // Not a message at all: still unknown, whatever it says.
  CHECK(parse_stream_line(R"({"protocol":2})").type == Type::unknown);
}

TEST_CASE("an interval's client groups and a churn line are read") {
  const auto interval = parse_stream_line(
      R"({"type":"interval","protocol":1,"t_s":4,"failed_per_s":2,"failed_timeout_per_s":2,)"
      R"("propagation_p50_s":null,"by_client":[{"client":"users","service":"web",)"
      R"("completed_per_s":10,"failed_per_s":2,"failed_timeout_per_s":2,"latency_p99_ms":null},)"
      R"({"client":"web-to-api","service":"api","completed_per_s":3}]})");
  REQUIRE(interval.type == Type::interval);
  CHECK(interval.figures.value("failed_timeout_per_s").toDouble() == 2);
  CHECK(interval.figures.contains("propagation_p50_s"));
  CHECK(!interval.figures.contains("protocol"));
  CHECK(!interval.figures.contains("by_client"));
  REQUIRE(interval.groups.size() == 2);
  CHECK(interval.groups[0].client == "users");
  CHECK(interval.groups[0].service == "web");
  CHECK(interval.groups[0].figures.value("completed_per_s").toDouble() == 10);
  CHECK(!interval.groups[0].figures.value("latency_p99_ms").isValid());
  CHECK(!interval.groups[0].figures.contains("client"));
  CHECK(interval.groups[1].service == "api");

  const auto churn = parse_stream_line(
      R"({"type":"churn","protocol":1,"t_s":12.5,"kind":"host_down","subject":"rack0-host1",)"
      R"("service":"","detail":""})");
  REQUIRE(churn.type == Type::churn);
  CHECK(churn.churn.t_s == 12.5);
  CHECK(churn.churn.kind == "host_down");
  CHECK(churn.churn.subject == "rack0-host1");
  CHECK(parse_stream_line(R"({"type":"churn","kind":"crash"})").type == Type::unknown);  // no time
}

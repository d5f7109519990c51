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
}

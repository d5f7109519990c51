#include "sim/run/progress.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace discolab;
using namespace std::chrono_literals;

namespace {
// A FILE* whose contents the test can read back.
struct Capture {
  Capture() : file(std::tmpfile()) {}
  ~Capture() { std::fclose(file); }
  std::string text() {
    std::fflush(file);
    std::rewind(file);
    std::string out;
    for (int c; (c = std::fgetc(file)) != EOF;) out.push_back(static_cast<char>(c));
    return out;
  }
  std::FILE* file;
};

std::vector<nlohmann::json> lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}
}  // namespace

TEST_CASE("JSON lines: start, rows, progress and done, each a JSON object on its own line",
          "[progress]") {
  Capture bar, out;
  Progress p(ProgressMode::jsonl, 10s, bar.file, out.file);
  p.start({{"scenario", "q"}});
  p.row({{"t_s", 1.0}});
  p.update(5s);
  p.done({{"folder", "x"}});
  const auto msgs = lines(out.text());
  REQUIRE(msgs.size() == 4);
  CHECK(msgs[0]["type"] == "start");
  CHECK(msgs[0]["scenario"] == "q");
  CHECK(msgs[1]["type"] == "interval");
  CHECK(msgs[1]["t_s"] == 1.0);
  CHECK(msgs[2]["type"] == "progress");
  CHECK(msgs[2]["fraction"] == 0.5);
  CHECK(msgs[3]["type"] == "done");
  CHECK(bar.text().empty());
}

TEST_CASE("JSON lines: every line carries the protocol version, churn lines their event",
          "[progress]") {
  Capture bar, out;
  Progress p(ProgressMode::jsonl, 10s, bar.file, out.file);
  p.start({{"scenario", "q"}});
  p.churn(2500ms, "crash", "web-3", "web", "exit 137");
  p.row({{"t_s", 3.0}});
  p.update(5s);
  p.error("it broke", 1);
  write_jsonl_error(out.file, "bad input", 2);
  const auto msgs = lines(out.text());
  REQUIRE(msgs.size() == 6);
  for (const auto& m : msgs) CHECK(m.at("protocol") == kProgressProtocol);
  CHECK(kProgressProtocol == 1);
  CHECK(msgs[1] == nlohmann::json{{"type", "churn"},
                                  {"t_s", 2.5},
                                  {"kind", "crash"},
                                  {"subject", "web-3"},
                                  {"service", "web"},
                                  {"detail", "exit 137"},
                                  {"protocol", 1}});
}

TEST_CASE("JSON lines: an error is reported as an error line", "[progress]") {
  Capture bar, out;
  Progress p(ProgressMode::jsonl, 10s, bar.file, out.file);
  p.error("it broke", 1);
  write_jsonl_error(out.file, "bad input", 2);
  const auto msgs = lines(out.text());
  REQUIRE(msgs.size() == 2);
  CHECK(msgs[0]["type"] == "error");
  CHECK(msgs[0]["message"] == "it broke");
  CHECK(msgs[0]["exit_code"] == 1);
  CHECK(msgs[1]["exit_code"] == 2);
}

TEST_CASE("the bar shows simulated time and ETA on its stream, nothing on stdout", "[progress]") {
  Capture bar, out;
  Progress p(ProgressMode::bar, 100s, bar.file, out.file, 0.0);
  p.start({});
  p.update(25s);
  p.done({});
  const std::string text = bar.text();
  CHECK(text.find("25%") != std::string::npos);
  CHECK(text.find("sim 25/100 s") != std::string::npos);
  CHECK(text.find("ETA") != std::string::npos);
  CHECK(text.back() == '\n');
  CHECK(out.text().empty());
}

TEST_CASE("a short run shows no bar, and none mode prints nothing", "[progress]") {
  Capture bar, out;
  Progress quiet_start(ProgressMode::bar, 100s, bar.file, out.file, 3600.0);
  quiet_start.update(50s);
  quiet_start.done({});
  Progress none(ProgressMode::none, 100s, bar.file, out.file, 0.0);
  none.start({});
  none.update(50s);
  none.done({});
  CHECK(bar.text().empty());
  CHECK(out.text().empty());
}

TEST_CASE("a long run shows its setup line and its bar from the first update", "[progress]") {
  Capture bar, out;
  Progress p(ProgressMode::bar, 100s, bar.file, out.file, 3600.0);
  p.setting_up("setting up 10 containers");
  CHECK(bar.text().empty());  // a short run stays quiet
  p.show_bar_at_once();
  p.setting_up("setting up 10 containers");
  p.start({});
  p.update(0s);
  const std::string text = bar.text();
  CHECK(text.rfind("setting up 10 containers\n", 0) == 0);
  CHECK(text.find("sim 0/100 s") != std::string::npos);
  CHECK(out.text().empty());
}

TEST_CASE("notices go to stderr in every mode", "[progress]") {
  Capture bar, out;
  Progress p(ProgressMode::none, 100s, bar.file, out.file);
  p.notice("removed partial results x.partial-12");
  CHECK(bar.text() == "discolab: removed partial results x.partial-12\n");
  CHECK(out.text().empty());
}

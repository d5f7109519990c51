#include "sim/scenario/units.h"

#include <catch2/catch.hpp>
#include <cstdint>

using namespace discolab;
using namespace std::chrono_literals;

TEST_CASE("durations need a unit and parse exactly") {
  const std::vector<std::pair<std::string, Duration>> cases{
      {"250us", 250us}, {"5ms", 5ms}, {"30s", 30s},  {"2m", 2min},
      {"1h", 1h},       {"7ns", 7ns}, {"0s", 0s},    {"1.5s", 1500ms},
      {"0.1s", 100ms},  {"-5s", -5s}, {"90 s", 90s}, {"9000000000ns", 9s}};
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(parse_duration(text) == expected);
  }
  for (const std::string bad : {"30", "", "s", "5sec", "5min", "abc", "5msx", "+5s", "inf s",
                                "nans", "1e400s", "99999999999h", "5 m s"}) {
    INFO(bad);
    CHECK_FALSE(try_parse_duration(bad));
    CHECK_THROWS_WITH(parse_duration(bad),
                      Catch::Contains("ns, us, ms, s, m, h") && Catch::Contains("\"" + bad + "\""));
  }
}

TEST_CASE("rates, bandwidths and host speeds convert to per second, bits and flops") {
  CHECK(parse_rate_per_s("200/s") == 200.0);
  CHECK(parse_rate_per_s("30/m") == 0.5);
  CHECK(parse_rate_per_s("6/h") == 6.0 / 3600.0);
  CHECK(parse_bandwidth_bps("10Gbps") == 10e9);
  CHECK(parse_bandwidth_bps("100Mbps") == 100e6);
  CHECK(parse_bandwidth_bps("1GBps") == 8e9);
  CHECK(parse_bandwidth_bps("1KBps") == 8e3);
  CHECK(parse_bandwidth_bps("1.5kbps") == 1500.0);
  CHECK(parse_flops("1Gf") == 1e9);
  CHECK(parse_flops("2.5kf") == 2500.0);

  for (const std::string bad : {"200", "5/d", "/s", "s/5", "1e999/s"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parse_rate_per_s(bad), Catch::Contains("/s, /m, /h"));
  }
  for (const std::string bad : {"10Gbs", "10", "10gbps", "Gbps"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parse_bandwidth_bps(bad), Catch::Contains("Gbps") && Catch::Contains(bad));
  }
  for (const std::string bad : {"1G", "1GF", "1"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parse_flops(bad), Catch::Contains("Gf"));
  }
}

TEST_CASE("quantities are formatted in the largest exact unit") {
  CHECK(format_duration(1h) == "1h");
  CHECK(format_duration(90s) == "90s");
  CHECK(format_duration(1500ms) == "1500ms");
  CHECK(format_duration(250us) == "250us");
  CHECK(format_duration(7ns) == "7ns");
  CHECK(format_duration(0s) == "0s");
  CHECK(format_rate_per_s(200.0) == "200/s");
  CHECK(format_rate_per_s(0.5) == "30/m");
  CHECK(format_rate_per_s(6.0 / 3600.0) == "6/h");
  CHECK(format_rate_per_s(0.0) == "0/s");
  CHECK(format_bandwidth_bps(8e9) == "8Gbps");
  CHECK(format_bandwidth_bps(100e6) == "100Mbps");
  CHECK(format_bandwidth_bps(1.5e9) == "1.5Gbps");
  CHECK(format_flops(1e9) == "1Gf");
  CHECK(format_number(0.5) == "0.5");
}

TEST_CASE("formatting then parsing gives back the same value, bit for bit") {
  // A deterministic spread of awkward values: thirds, sevenths, tiny and huge magnitudes.
  std::vector<double> values;
  for (int exponent = -9; exponent <= 13; ++exponent)
    for (double mantissa : {1.0, 1.0 / 3.0, 2.0 / 7.0, 6.0 / 3600.0, 1.2345678901234567, 999.5})
      values.push_back(mantissa * std::pow(10.0, exponent));
  for (double v : values) {
    INFO(v);
    CHECK(parse_rate_per_s(format_rate_per_s(v)) == v);
    CHECK(parse_bandwidth_bps(format_bandwidth_bps(v)) == v);
    CHECK(parse_flops(format_flops(v)) == v);
    CHECK(try_parse_number(format_number(v)) == v);
  }
  std::uint64_t ns = 1;
  for (int i = 0; i < 200; ++i) {
    ns = ns * 6364136223846793005ULL + 1442695040888963407ULL;  // an LCG: varied magnitudes
    const Duration d{static_cast<std::int64_t>(ns >> (i % 40 + 1))};
    INFO(d.count());
    CHECK(parse_duration(format_duration(d)) == d);
  }
}

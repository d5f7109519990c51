#include "sim/metrics/ground_truth.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

using discolab::SimTime;
using discolab::metrics::GroundTruth;
using discolab::metrics::kNoService;
using namespace std::chrono_literals;

namespace {
std::vector<discolab::InstanceId> set_of(const GroundTruth& t, std::string_view service) {
  auto s = t.ready_set(service);
  return {s.begin(), s.end()};
}
}  // namespace

TEST_CASE("ready sets follow ready and unready, sorted, per service") {
  GroundTruth truth;
  CHECK(truth.instance_ready(7, "web", SimTime{1s}));
  CHECK(truth.instance_ready(3, "web", SimTime{2s}));
  CHECK(truth.instance_ready(4, "api", SimTime{2s}));
  CHECK_FALSE(truth.instance_ready(3, "web", SimTime{3s}));  // already ready
  CHECK(set_of(truth, "web") == std::vector<discolab::InstanceId>{3, 7});
  CHECK(set_of(truth, "api") == std::vector<discolab::InstanceId>{4});
  CHECK(set_of(truth, "nope").empty());
  CHECK(truth.ready_count() == 3);
  CHECK(truth.is_ready(7));
  CHECK_FALSE(truth.is_ready(5));
  CHECK_FALSE(truth.is_ready(1000));
  CHECK(truth.is_ready_in(4, truth.find_service("api")));
  CHECK_FALSE(truth.is_ready_in(4, truth.find_service("web")));

  CHECK(truth.instance_unready(7, SimTime{4s}));
  CHECK_FALSE(truth.instance_unready(7, SimTime{5s}));
  CHECK_FALSE(truth.instance_unready(99, SimTime{5s}));  // never ready
  CHECK(set_of(truth, "web") == std::vector<discolab::InstanceId>{3});
  CHECK(truth.ready_count() == 2);
  CHECK(truth.service_of(7) == truth.find_service("web"));
  CHECK(truth.service_of(99) == kNoService);

  CHECK(truth.instance_ready(7, "web", SimTime{6s}));  // back, e.g. after a partition heals
  CHECK(set_of(truth, "web") == std::vector<discolab::InstanceId>{3, 7});
}

TEST_CASE("service names intern to dense indices once") {
  GroundTruth truth;
  CHECK(truth.service_index("web") == 0);
  CHECK(truth.service_index("api") == 1);
  CHECK(truth.service_index("web") == 0);
  CHECK(truth.service_name(1) == "api");
  CHECK(truth.find_service("db") == kNoService);
  CHECK(truth.service_count() == 2);
}

TEST_CASE("an instance cannot change service, and kNoInstance is rejected") {
  GroundTruth truth;
  truth.instance_ready(1, "web", SimTime{0s});
  CHECK_THROWS_AS(truth.instance_ready(1, "api", SimTime{1s}), std::invalid_argument);
  CHECK_THROWS_AS(truth.instance_ready(discolab::kNoInstance, "web", SimTime{1s}),
                  std::invalid_argument);
}

TEST_CASE("ready time is accounted from the accounting start") {
  GroundTruth truth(SimTime{10s});
  truth.instance_ready(1, "web", SimTime{5s});
  truth.instance_ready(2, "web", SimTime{12s});
  truth.instance_unready(2, SimTime{15s});
  truth.instance_ready(2, "web", SimTime{18s});
  CHECK(truth.ready_seconds(1, SimTime{20s}) == 10.0);
  CHECK(truth.ready_seconds(2, SimTime{20s}) == 5.0);  // 12..15 and 18..20
  CHECK(truth.ready_seconds(3, SimTime{20s}) == 0.0);
}

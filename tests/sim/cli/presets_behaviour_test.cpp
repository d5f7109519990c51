// Each preset of a real system (scenarios/presets) reproduces a documented behaviour of that
// system on a small scenario (tests/data/presets/crash-churn.yaml: 20 instances crashing now
// and then, each replaced 5 s later, 4 external callers; fast engine, 40 simulated minutes, well
// under a second of wall time per run). Every bound is the real system's, from its
// documentation or its defaults (cited in the preset files and scenarios/presets/README.md),
// not a number copied from a run. Propagation is measured per (view, change) pair, from the
// ground-truth change to the view showing it (docs/metrics.md); its max over every caller is
// "until every caller's view shows it".
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;

namespace {

const std::string kScenario = "tests/data/presets/crash-churn.yaml";
// Messages take tens to hundreds of microseconds; a lookup or reload waits for the next
// request or tick: bounds are checked with this much slack on top.
constexpr double kSlack = 0.05;

json run_preset(const std::string& preset, const std::string& extra = "",
                const std::string& scenario = kScenario) {
  const auto out = scratch("preset-" + preset);
  const auto r = run_discolab("run " + scenario + " --preset " + preset + " --quiet --out " +
                              out.string() + " " + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json s = json::parse(read_file(out / "summary.json"));
  s["events_csv"] = read_file(out / "events.csv");
  return s;
}

struct Propagation {
  double min = 0, p50 = 0, max = 0;
  long pairs = 0;
};

// The propagation of `change` ("ready" or "unready") to the views of `kind` (client, lb, …).
Propagation propagation(const json& summary, const std::string& kind, const std::string& change) {
  const json& c = summary.at("staleness").at("by_component").at(kind).at("by_change").at(change);
  Propagation p;
  p.pairs = c.at("propagation_pairs").get<long>();
  REQUIRE(p.pairs > 0);
  p.min = c.at("propagation_min_s").get<double>();
  p.max = c.at("propagation_max_s").get<double>();
  p.p50 = c.at("propagation_p50_s").is_null() ? p.max : c.at("propagation_p50_s").get<double>();
  return p;
}

std::string show(const Propagation& p) {
  std::ostringstream s;
  s << "n=" << p.pairs << " min " << p.min << " s, p50 " << p.p50 << " s, max " << p.max << " s";
  return s.str();
}

// Times (s) at which views whose component starts with `prefix` changed, from events.csv.
std::vector<double> view_change_times(const json& summary, const std::string& prefix) {
  std::vector<double> times;
  std::istringstream in(summary.at("events_csv").get<std::string>());
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string t, kind, subject;
    std::getline(fields, t, ',');
    std::getline(fields, kind, ',');
    std::getline(fields, subject, ',');
    if (kind == "view" && subject.rfind(prefix, 0) == 0) times.push_back(std::stod(t));
  }
  return times;
}

}  // namespace

TEST_CASE("eureka-ribbon: a new instance reaches every caller within cache + fetch + refresh",
          "[presets][eureka]") {
  const json s = run_preset("eureka-ribbon");
  const Propagation ready = propagation(s, "client", "ready");
  INFO("client views, ready: " << show(ready));
  // Registered when ready (the Eureka client's on-demand status update), then at most one
  // read-only cache refresh (30 s), one client fetch (30 s) and one Ribbon refresh (30 s):
  // 90 s, within the Eureka wiki's "up to 2 mins for changes to propagate".
  CHECK(ready.max <= 90.0 + kSlack);
  // The three layers add up: some change waited longer than any one of them.
  CHECK(ready.max > 30.0);
}

TEST_CASE("eureka-ribbon: a crashed instance leaves every view after twice the lease",
          "[presets][eureka]") {
  const json s = run_preset("eureka-ribbon");
  const Propagation registry = propagation(s, "registry", "unready");
  const Propagation client = propagation(s, "client", "unready");
  INFO("registry: " << show(registry) << "; clients: " << show(client));
  // Lease.java's renew() adds the lease once more: expiry 2 x 90 s after the last renewal,
  // which came at most 30 s before the crash; the eviction timer runs every 60 s.
  CHECK(registry.min >= 180.0 - 30.0);
  CHECK(registry.max <= 180.0 + 60.0 + kSlack);
  // Then the read-only cache, the client fetch and the Ribbon refresh: at most 330 s.
  CHECK(client.min >= 180.0 - 30.0);
  CHECK(client.max <= 180.0 + 60.0 + 30.0 + 30.0 + 30.0 + kSlack);
}

TEST_CASE("kube-proxy-iptables: endpoint changes are programmed within minSyncPeriod",
          "[presets][kube-proxy]") {
  const json s = run_preset("kube-proxy-iptables");
  for (const char* change : {"ready", "unready"}) {
    const Propagation p = propagation(s, "proxy", change);
    INFO(change << ": " << show(p));
    // The EndpointSlice watch delivers at once; rules are rewritten at most once per
    // minSyncPeriod (1 s), so a change waits at most that long.
    CHECK(p.max <= 1.0 + kSlack);
  }
}

TEST_CASE("consul-template-haproxy: renders and reloads at once, or after the wait window",
          "[presets][consul-template]") {
  SECTION("wait disabled (the default): each change is rendered and reloaded at once") {
    const json s = run_preset("consul-template-haproxy");
    const Propagation registry = propagation(s, "registry", "unready");
    const Propagation lb = propagation(s, "lb", "unready");
    INFO("registry: " << show(registry) << "; lb: " << show(lb));
    // The agent's check (every 10 s, failures_before_critical 0) removes a crashed instance;
    // the blocking query, the render and the reload (100 ms) follow at once.
    CHECK(registry.max <= 10.0 + kSlack);
    CHECK(lb.max <= registry.max + 0.1 + kSlack);
  }
  SECTION("wait min 2 s: a burst of changes is rendered in a few reloads, none late") {
    const std::string burst = "tests/data/presets/rolling-burst.yaml";
    const json waited = run_preset("consul-template-haproxy",
                                   "--set patterns.central_lb.lb.sync.wait_min=2s", burst);
    const json at_once = run_preset("consul-template-haproxy", "", burst);
    // Every change the registry saw (the deployment's registrations, then the update's).
    const std::vector<double> changes = view_change_times(waited, "registry/");
    REQUIRE(changes.size() >= 10);
    const double span = changes.back() - changes.front();
    const auto reloads = [](const json& s) {
      return s.at("counters").at("configsync.reloads").get<double>();
    };
    INFO(changes.size() << " registry changes over " << span << " s; reloads: " << reloads(waited)
                        << " with wait, " << reloads(at_once) << " without");
    // config/wait.go: a render waits for `min` of quiet and at most `max` after the first
    // change; two renders are more than `min` apart (the second waits `min` after a later
    // change): at most span / min + 1 of them, the first render of the deployment included.
    CHECK(reloads(waited) <= span / 2.0 + 2.0);
    CHECK(reloads(waited) < reloads(at_once));
    const Propagation registry = propagation(waited, "registry", "ready");
    const Propagation lb = propagation(waited, "lb", "ready");
    INFO("registry: " << show(registry) << "; lb: " << show(lb));
    // No change waits longer than max = 4 x min (8 s) after the registry had it, then the
    // reload (100 ms).
    CHECK(lb.max <= registry.max + 8.0 + 0.1 + kSlack);
  }
}

TEST_CASE("nginx-passive: one failed request takes a server out for fail_timeout",
          "[presets][nginx]") {
  const json s = run_preset("nginx-passive");
  const Propagation lb = propagation(s, "lb", "unready");
  const Propagation registry = propagation(s, "registry", "unready");
  INFO("lb: " << show(lb) << "; registry: " << show(registry));
  // max_fails 1: the first request to a crashed server fails and marks it unavailable;
  // 80 requests/s over 20 servers reach each one every 250 ms on average.
  CHECK(lb.max <= 1.0);
  // The registry still lists it (its lease): the LB tries it again every fail_timeout (10 s),
  // each time taking it out at the first failure: its view adds back a server exactly 10 s
  // after taking it out.
  CHECK(registry.min > 10.0);
  std::istringstream in(s.at("events_csv").get<std::string>());
  std::map<std::string, double> removed_at;
  int readmitted = 0, exact = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find(",view,lb/") == std::string::npos) continue;
    const double t = std::stod(line.substr(0, line.find(',')));
    const auto field = [&](const std::string& key) {
      const auto at = line.find(key + "=");
      if (at == std::string::npos) return std::string();
      const auto from = at + key.size() + 1;
      return line.substr(from, line.find(' ', from) - from);
    };
    const std::string added = field("added"), removed = field("removed");
    if (!removed.empty()) removed_at[removed] = t;
    if (auto it = removed_at.find(added); !added.empty() && it != removed_at.end()) {
      ++readmitted;
      if (std::abs(t - it->second - 10.0) < 0.01) ++exact;
    }
  }
  INFO(readmitted << " re-admissions, " << exact << " exactly 10 s after the ejection");
  CHECK(readmitted > 0);
  CHECK(exact == readmitted);
}

TEST_CASE("DNS presets: a TTL-honouring client is never more than poll + TTL behind",
          "[presets][dns]") {
  struct Case {
    const char* preset;
    double bound;  // the registry feed's interval + the answer's TTL, s
    double more_than;
  };
  // coredns-kube-dns: watch + kubeadm's ttl 30 (above the plugin's 5 s default);
  // dcos-spartan: push + TTL 5; mesos-dns: refreshSeconds 60 + TTL 60.
  for (const Case& c : {Case{"coredns-kube-dns+resolver-nscd", 30.0, 5.0},
                        Case{"dcos-spartan+resolver-nscd", 5.0, 0.0},
                        Case{"mesos-dns+resolver-nscd", 120.0, 60.0}}) {
    const json s = run_preset(c.preset);
    for (const char* change : {"ready", "unready"}) {
      const Propagation p = propagation(s, "client", change);
      INFO(c.preset << " " << change << ": " << show(p));
      // A cached answer is used until its TTL runs out; the next request (every 50 ms on
      // average) resolves again.
      CHECK(p.max <= c.bound + 1.0);
      CHECK(p.max > c.more_than);
    }
  }
}

TEST_CASE("consul-dns: the answers follow the agent's check", "[presets][consul]") {
  const json s = run_preset("consul-dns");
  const Propagation server = propagation(s, "dns-server", "unready");
  INFO("DNS answers: " << show(server));
  // The node's agent runs the check every 10 s (failures_before_critical 0): its next check
  // of the dead container fails and the service leaves the answers (blocking query: at once).
  // Clients cache nothing (TTL 0).
  CHECK(server.max <= 10.0 + kSlack);
  CHECK(s.at("counters").value("registry.expired", 0) == 0);  // no lease had to run out
}

TEST_CASE("per-host proxies: each follows its feed's documented delay", "[presets][proxy]") {
  struct Case {
    const char* preset;
    const char* change;
    double bound;
  };
  // smartstack: nerve checks every 0.5 s (fall 1), ZooKeeper watch, synapse restarts HAProxy
  // at most every 2 s; dcos-minuteman: the agent is polled every 2 s; linkerd: the
  // destination controller pushes each change.
  for (const Case& c :
       {Case{"smartstack", "unready", 0.5 + 2.0}, Case{"smartstack", "ready", 2.0},
        Case{"dcos-minuteman", "unready", 2.0}, Case{"dcos-minuteman", "ready", 2.0},
        Case{"linkerd", "unready", 0.0}, Case{"linkerd", "ready", 0.0}}) {
    const json s = run_preset(c.preset);
    const Propagation p = propagation(s, "proxy", c.change);
    INFO(c.preset << " " << c.change << ": " << show(p));
    CHECK(p.max <= c.bound + kSlack);
  }
}

TEST_CASE("vulcand-etcd: a crashed instance goes when its etcd lease runs out",
          "[presets][vulcand]") {
  const json s = run_preset("vulcand-etcd");
  const Propagation lb = propagation(s, "lb", "unready");
  INFO("lb: " << show(lb));
  // TTL 60 s from the last keep-alive (every TTL/3 = 20 s); the lessor revokes expired
  // leases every 500 ms; the watch and vulcand apply it at once.
  CHECK(lb.min >= 60.0 - 20.0);
  CHECK(lb.max <= 60.0 + 0.5 + kSlack);
}

TEST_CASE("kong: a DNS-resolved upstream follows the record's TTL", "[presets][kong]") {
  const json s = run_preset("kong");
  const Propagation gateway = propagation(s, "gateway", "ready");
  INFO("gateway: " << show(gateway));
  // The DNS server answers with TTL 5 s; Kong re-resolves when the record expires (serving
  // the stale one meanwhile, dns_stale_ttl), at its next request.
  CHECK(gateway.max <= 5.0 + 1.0);
}

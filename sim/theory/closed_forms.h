// The closed forms that apply to a scenario as it is, for `compare` to print beside what the
// runs measured (docs/compare.md, "Theory beside measurement").
//
// A closed form applies only when the scenario sets up its model exactly; every condition is
// checked on the loaded scenario, and a scenario that misses one gets no theory value rather
// than a wrong one:
// - queueing (latency.mean_ms): one service of one-worker instances with exponential service
//   times, every client calling it, zero host-link latency, no churn, no active health checks,
//   a waiting room (queue_limit ≥ 1000) and timeouts (≥ 100 mean service times) that do not cut
//   the queue short; then
//     client-side, random                → M/M/1 per instance (Poisson splitting: exact);
//     client-side, least-request d ≥ 2,
//       one caller process               → the supermarket fixed point (the n → ∞ limit; finite
//                                          n lies above it: docs/validation.md);
//     central-lb with a negligible LB CPU (≤ 0.1% of the service time) and
//       server_maxconn 1                 → M/M/c, Erlang C (the LB's queue is the shared one);
//       least-conn over n ≤ 3            → join the shortest queue, the exact finite-n chain;
//       random                           → M/M/1 per instance;
// - DNS (stale answers per record change): the dns pattern with one caller process, the
//   client cache honouring the server's TTL, no node-local cache, orchestrator registration
//   with a watch, crash churn only with instant replacement, zero latency (dns_cache.h);
// - lease (mean removal delay of a crashed instance): client-side self-registration, no
//   health checks, crash churn only with instant replacement, zero latency
//   (lease_removal.h; Eureka's double expiry doubles the lease).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/theory/dns_cache.h"
#include "sim/theory/lease_removal.h"

namespace discolab::theory {

struct ClosedForm {
  std::string quantity;  // what is compared, with its unit: "latency mean [ms]"
  std::string model;     // "M/M/1 per instance (random routing)"
  double value = 0.0;
  bool exact = true;  // false: a limit or an approximation (`model` says which)
  // The run's measurement of `quantity` from its summary.json; nullopt when undefined.
  std::function<std::optional<double>(const nlohmann::json& summary)> measure;
};

// n one-worker exponential servers fed by Poisson callers, nothing else going on (the queueing
// conditions above).
struct QueueingModel {
  int servers = 0;
  double service_ms = 0.0;                                                // mean service time
  double arrivals_per_ms = 0.0;                                           // all callers together
  int callers = 0;                                                        // caller processes
  double load() const { return arrivals_per_ms * service_ms / servers; }  // per server
};
std::optional<QueueingModel> queueing_model(const Scenario& scenario);

// The DNS cache and lease models' parameters read from a scenario that sets the model up
// exactly (the conditions above), or nullopt. The validation cases read them here too.
std::optional<DnsCacheModel> dns_cache_model(const Scenario& scenario);
std::optional<LeaseModel> lease_model(const Scenario& scenario);

// The closed forms that apply to `scenario` run with `pattern` (a runnable pattern's name),
// in a fixed order; empty when none does.
std::vector<ClosedForm> closed_forms(const Scenario& scenario, std::string_view pattern);

}  // namespace discolab::theory

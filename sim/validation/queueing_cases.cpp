// The queueing rows: n instances of one worker with exponential service, Poisson arrivals,
// zero network delay, no churn (scenarios/validation/*.yaml), routed by the balancer under
// test. The derivations and the tolerances are in docs/validation.md.
#include <cstdio>
#include <stdexcept>

#include "sim/metrics/figures.h"
#include "sim/theory/closed_forms.h"
#include "sim/theory/queueing.h"
#include "sim/validation/summary_keys.h"
#include "sim/validation/validation_case.h"

namespace discolab::validation {

namespace {

using theory::QueueingModel;

// The model's parameters, read from the scenario as the runs see it, where compare reads them
// (sim/theory/closed_forms.h); a scenario that does not set the model up exactly is refused.
QueueingModel parameters(const Scenario& sc) {
  if (const auto q = theory::queueing_model(sc)) return *q;
  throw std::invalid_argument(sc.name +
                              ": the scenario does not set up the queueing model (its "
                              "conditions are in sim/theory/closed_forms.h)");
}

int client_side_choices(const Scenario& sc) {
  const BalancingSpec& b = sc.patterns.client_side.balancing;
  if (b.policy == BalancerKind::random) return 1;
  if (b.policy == BalancerKind::least_request) return b.least_request_choices;
  throw std::invalid_argument(sc.name + ": a supermarket case balances by random or least-request");
}

std::optional<double> mean_latency_ms(const RunOutput& run, const Scenario&) {
  const nlohmann::json* v = metrics::figure_value(run.summary, kLatencyMeanMs);
  if (v == nullptr) return std::nullopt;
  return v->get<double>();
}

std::string load_text(double load) {
  char text[16];
  std::snprintf(text, sizeof text, "%g", load);
  return text;
}

// The supermarket model at n = 100 (one caller, so its in-flight counts are the queues).
// Random routing (d = 1) makes every queue M/M/1 exactly; with d ≥ 2 the fixed point is the
// n → ∞ limit and n = 100 lies above it by up to `finite_n_gap` (draws with replacement and
// finite-n fluctuations, docs/validation.md); `spread` covers the mean's spread over the
// seeds, either way.
ValidationCase supermarket(int d, double load, double spread, double finite_n_gap) {
  ValidationCase c;
  c.name = "supermarket-d" + std::to_string(d) + "-load" + load_text(load);
  c.model = d == 1 ? "random routing: M/M/1 per server" : "supermarket, d = " + std::to_string(d);
  c.quantity = "mean sojourn [ms]";
  c.scenario = "scenarios/validation/supermarket.yaml";
  c.pattern = "client-side";
  const QueueingModel base{100, 10.0, 0.0};
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g/s", load * base.servers / base.service_ms * 1000.0);
  // Long enough that the 95% interval is well inside the tolerance (M/M/1 at ρ = 0.9 relaxes
  // slowly: its mean needs the longest runs).
  c.sets = {"clients.arrivals.rate=" + std::string(rate),
            load > 0.6 && d == 1 ? "duration=600s" : "duration=300s"};
  if (d == 1) {
    c.sets.push_back("patterns.client_side.balancing.policy=random");
  } else {
    c.sets.push_back("patterns.client_side.balancing.least_request_choices=" + std::to_string(d));
  }
  c.quick = load < 0.6 && d <= 2;
  c.theory = [spread, finite_n_gap](const Scenario& sc) {
    const QueueingModel p = parameters(sc);
    const double t =
        theory::supermarket_mean_sojourn(p.load(), client_side_choices(sc)) * p.service_ms;
    return within(t, spread, spread + finite_n_gap);
  };
  c.measure = mean_latency_ms;
  return c;
}

// Join the shortest queue: the central LB's least-conn over n = 3 backends (it carries all the
// traffic, so its in-flight counts are the queues). Theory: the exact finite-n chain
// (theory::jsq_mean_sojourn), which lies between M/M/3 and M/M/1; `spread` covers the mean's
// spread over the seeds.
ValidationCase jsq(double load, double spread, const char* duration) {
  ValidationCase c;
  c.name = "jsq-n3-load" + load_text(load);
  c.model = "JSQ, n = 3 (central LB, least-conn)";
  c.quantity = "mean sojourn [ms]";
  c.scenario = "scenarios/validation/central-lb-queues.yaml";
  c.pattern = "central-lb";
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g/s", load * 3 / 10.0 * 1000.0);
  c.sets = {"clients.arrivals.rate=" + std::string(rate), std::string("duration=") + duration};
  c.seeds = 8;
  c.quick = load < 0.6;
  c.theory = [spread](const Scenario& sc) {
    if (sc.patterns.central_lb.balancing.policy != BalancerKind::least_conn)
      throw std::invalid_argument(sc.name + ": a JSQ case balances by least-conn");
    const QueueingModel p = parameters(sc);
    return within(theory::jsq_mean_sojourn(p.load(), p.servers) * p.service_ms, spread, spread);
  };
  c.measure = mean_latency_ms;
  return c;
}

// M/M/c: the central LB holds a request until a backend's one worker is free (server_maxconn
// 1, the backend queue at the LB: HAProxy's maxconn + timeout queue). Theory: Erlang C, for
// the mean sojourn time and for the mean wait, measured as the mean sojourn less the mean
// service time (the scenario's; the runs' draws average to it). `spread` covers the mean's
// spread over the seeds.
ValidationCase mmc(int c, double load, bool wait, double spread, const char* duration) {
  ValidationCase v;
  v.name = "mmc-c" + std::to_string(c) + "-load" + load_text(load) + (wait ? "-wait" : "-sojourn");
  v.model = "M/M/" + std::to_string(c) + " (central LB, server maxconn 1)";
  v.quantity = wait ? "mean wait [ms]" : "mean sojourn [ms]";
  v.scenario = "scenarios/validation/central-lb-queues.yaml";
  v.pattern = "central-lb";
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g/s", load * c / 10.0 * 1000.0);
  v.sets = {"clients.arrivals.rate=" + std::string(rate),
            "services.queue.replicas=" + std::to_string(c),
            "patterns.central_lb.lb.server_maxconn=1", "patterns.central_lb.lb.queue_timeout=1h",
            std::string("duration=") + duration};
  v.seeds = 8;
  v.theory = [c, wait, spread](const Scenario& sc) {
    if (sc.patterns.central_lb.lb.server_maxconn != 1)
      throw std::invalid_argument(sc.name + ": an M/M/c case needs server_maxconn 1");
    const QueueingModel p = parameters(sc);
    if (p.servers != c) throw std::invalid_argument(sc.name + ": replicas differ from c");
    const double mu = 1.0 / p.service_ms;
    return within(wait ? theory::mmc_mean_wait(c, p.arrivals_per_ms, mu)
                       : theory::mmc_mean_sojourn(c, p.arrivals_per_ms, mu),
                  spread, spread);
  };
  if (wait) {
    v.measure = [](const RunOutput& run, const Scenario& sc) -> std::optional<double> {
      const auto sojourn = mean_latency_ms(run, sc);
      if (!sojourn) return std::nullopt;
      return *sojourn - parameters(sc).service_ms;
    };
  } else {
    v.measure = mean_latency_ms;
  }
  return v;
}

}  // namespace

std::vector<ValidationCase> queueing_cases() {
  std::vector<ValidationCase> cases;
  for (double load : {0.5, 0.9}) {
    // d = 1 is exact at any n; d ≥ 2 at n = 100 lies above the fixed point, by a gap that grows
    // with the load (docs/validation.md shows it per row).
    const double gap = load < 0.6 ? 0.01 : 0.03;
    for (int d : {1, 2, 3})
      cases.push_back(supermarket(d, load, d == 1 ? 0.03 : 0.01, d == 1 ? 0.0 : gap));
  }
  cases.push_back(jsq(0.5, 0.02, "1200s"));
  cases.push_back(jsq(0.9, 0.04, "3600s"));
  // The sojourn and wait rows of one c share their runs.
  for (int c : {3, 10}) {
    const char* duration = c == 3 ? "3600s" : "1200s";
    cases.push_back(mmc(c, 0.9, false, 0.03, duration));
    cases.push_back(mmc(c, 0.9, true, 0.05, duration));
  }
  return cases;
}

}  // namespace discolab::validation

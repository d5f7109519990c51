#include "sim/theory/closed_forms.h"

#include <cstdio>
#include <string>

#include "patterns/core/time.h"
#include "sim/metrics/figures.h"
#include "sim/theory/dns_cache.h"
#include "sim/theory/lease_removal.h"
#include "sim/theory/queueing.h"
#include "sim/theory/run_measurements.h"

namespace discolab::theory {

namespace {

// The summary.json keys the measurements read.
const std::string kLatencyMean =
    std::string(metrics::figure_key(metrics::kLatencyBlock, "mean_ms"));
const std::string kLatencyKey = "latency." + kLatencyMean;
const std::string kCrashCounter = "churn.crashes";
std::string counter_key(std::string_view name) {
  return std::string(keys::kCounters) + "." + std::string(name);
}
std::string registry_unready_mean_key() {
  return std::string(keys::kStaleness) + "." + std::string(keys::kByComponent) + "." +
         std::string(keys::kRegistryKind) + "." + std::string(keys::kByChange) + "." +
         std::string(keys::kUnready) + "." + std::string(keys::kPropagationMean);
}

std::optional<double> number(const nlohmann::json& summary, const std::string& key) {
  const nlohmann::json* v = metrics::figure_value(summary, key);
  if (v == nullptr) return std::nullopt;
  return v->get<double>();
}

std::string format(const char* pattern, double a, double b = 0.0) {
  char text[96];
  std::snprintf(text, sizeof text, pattern, a, b);
  return text;
}

bool no_churn(const ChurnSpec& churn) {
  return churn.crashes.rate_per_instance_per_s == 0.0 && churn.rolling_updates.empty() &&
         churn.host_failures.empty() && churn.components.empty();
}

// Crash churn only, each crashed instance replaced at once by one that is ready at once: every
// crash is one change of the record set.
bool instant_crash_churn(const Scenario& sc) {
  const ChurnSpec& churn = sc.churn;
  if (churn.crashes.rate_per_instance_per_s <= 0.0 || !churn.rolling_updates.empty() ||
      !churn.host_failures.empty() || !churn.components.empty())
    return false;
  if (churn.crashes.restart_delay != Duration{}) return false;
  for (const ServiceSpec& s : sc.services)
    if (s.startup != Duration{} || s.readiness != Duration{}) return false;
  return true;
}

bool zero_latency(const PlatformSpec& p) {
  return p.file.empty() && p.host_link.latency == Duration{} &&
         (p.topology == Topology::star || p.spine_link.latency == Duration{});
}

bool health_off(const HealthSpec& h) { return !h.active.enabled && !h.passive.enabled; }

ClosedForm latency(std::string model, double value_ms, bool exact) {
  return {"latency mean [ms]", std::move(model), value_ms, exact,
          [](const nlohmann::json& summary) { return number(summary, kLatencyKey); }};
}

void client_side_queueing(const Scenario& sc, std::vector<ClosedForm>& out) {
  const ClientSideSpec& p = sc.patterns.client_side;
  const auto q = queueing_model(sc);
  if (!q || !health_off(p.health)) return;
  if (p.balancing.policy == BalancerKind::random) {
    out.push_back(latency(format("M/M/1 per instance (random routing, load %.3g)", q->load()),
                          mm1_mean_sojourn(q->load(), 1.0) * q->service_ms, true));
  } else if (p.balancing.policy == BalancerKind::least_request && q->callers == 1 &&
             p.balancing.least_request_choices >= 2) {
    const int d = p.balancing.least_request_choices;
    out.push_back(
        latency(format("supermarket fixed point, d = %g, load %.3g (n → ∞; finite n lies above)", d,
                       q->load()),
                supermarket_mean_sojourn(q->load(), d) * q->service_ms, false));
  }
}

void central_lb_queueing(const Scenario& sc, std::vector<ClosedForm>& out) {
  const CentralLbSpec& p = sc.patterns.central_lb;
  const auto q = queueing_model(sc);
  if (!q || !health_off(p.health) || !p.lb.standby_host.empty() ||
      to_ms(p.lb.service_time.mean) > 1e-3 * q->service_ms || p.lb.connection_limit < 1000 ||
      to_ms(p.lb.try_timeout) < 100.0 * q->service_ms)
    return;
  if (p.lb.server_maxconn == 1) {
    if (to_ms(p.lb.queue_timeout) < 100.0 * q->service_ms) return;
    const double mu = 1.0 / q->service_ms;
    out.push_back(
        latency(format("M/M/%g, Erlang C (server maxconn 1, load %.3g)", q->servers, q->load()),
                mmc_mean_sojourn(q->servers, q->arrivals_per_ms, mu), true));
  } else if (p.lb.server_maxconn == 0 && p.balancing.policy == BalancerKind::least_conn &&
             q->servers <= 3) {
    out.push_back(latency(
        format("join the shortest queue, n = %g, load %.3g (exact chain)", q->servers, q->load()),
        jsq_mean_sojourn(q->load(), q->servers) * q->service_ms, true));
  } else if (p.lb.server_maxconn == 0 && p.balancing.policy == BalancerKind::random) {
    out.push_back(latency(format("M/M/1 per instance (random routing, load %.3g)", q->load()),
                          mm1_mean_sojourn(q->load(), 1.0) * q->service_ms, true));
  }
}

void dns_stale_answers(const Scenario& sc, std::vector<ClosedForm>& out) {
  const auto m = dns_cache_model(sc);
  if (!m) return;
  out.push_back({"stale answers per change", "client DNS cache, TTL " + format("%g s", m->ttl_s),
                 stale_answers_per_change(*m), true, [](const nlohmann::json& summary) {
                   const auto stale = number(summary, counter_key(keys::kClientStaleReads));
                   const auto changes = number(summary, counter_key(kCrashCounter));
                   if (!changes || *changes <= 0.0) return std::optional<double>{};
                   return std::optional<double>(stale.value_or(0.0) / *changes);
                 }});
}

void lease_removal(const Scenario& sc, std::vector<ClosedForm>& out) {
  const auto m = lease_model(sc);
  if (!m) return;
  const std::string key = registry_unready_mean_key();
  out.push_back({"removal delay mean [s]",
                 format("lease L − U + W (h %g s, L %g s", m->heartbeat_s, m->lease_s) +
                     format(", sweep %g s)", m->sweep_s),
                 removal_delay_mean(*m), true,
                 [key](const nlohmann::json& summary) { return number(summary, key); }});
}

}  // namespace

std::optional<QueueingModel> queueing_model(const Scenario& sc) {
  if (sc.services.size() != 1 || !no_churn(sc.churn) || !zero_latency(sc.platform))
    return std::nullopt;
  const ServiceSpec& s = sc.services.front();
  if (s.workers != 1 || s.service_time.distribution != ServiceTimeDistribution::exponential ||
      s.queue_limit < 1000 || !s.calls.empty())
    return std::nullopt;
  QueueingModel q;
  q.servers = s.replicas;
  q.service_ms = to_ms(s.service_time.mean);
  for (const ClientSpec& c : sc.clients) {
    if (c.target != s.name || !c.bursts.empty() || to_ms(c.timeout) < 100.0 * q.service_ms)
      return std::nullopt;
    q.arrivals_per_ms += c.rate_per_s * c.count / 1000.0;
    q.callers += c.count;
  }
  if (q.servers < 1 || q.callers < 1 || q.service_ms <= 0.0 || q.load() >= 1.0) return std::nullopt;
  return q;
}

std::optional<DnsCacheModel> dns_cache_model(const Scenario& sc) {
  const DnsSpec& p = sc.patterns.dns;
  if (sc.services.size() != 1 || sc.clients.size() != 1 || sc.clients.front().count != 1 ||
      !zero_latency(sc.platform) || !instant_crash_churn(sc) ||
      p.dns.client.cache != DnsClientCache::ttl || p.dns.node_local.enabled ||
      p.registration.mode != RegistrationMode::orchestrator ||
      p.propagation.mode != PropagationMode::watch || !health_off(p.health))
    return std::nullopt;
  DnsCacheModel m;
  m.ttl_s = to_seconds(p.dns.server.ttl);
  m.lookup_rate = sc.clients.front().rate_per_s;
  m.change_rate = sc.services.front().replicas * sc.churn.crashes.rate_per_instance_per_s;
  return m;
}

std::optional<LeaseModel> lease_model(const Scenario& sc) {
  const ClientSideSpec& p = sc.patterns.client_side;
  if (sc.services.size() != 1 || !zero_latency(sc.platform) || !instant_crash_churn(sc) ||
      !health_off(p.health) || p.registration.mode != RegistrationMode::self)
    return std::nullopt;
  LeaseModel m;
  m.heartbeat_s = to_seconds(p.registration.heartbeat_interval);
  // Eureka's double expiry: a renewed lease expires 2L after its renewal.
  m.lease_s = to_seconds(p.registration.lease_duration) * (p.registry.eureka_double_expiry ? 2 : 1);
  m.sweep_s = to_seconds(p.registry.eviction_interval);
  return m;
}

std::vector<ClosedForm> closed_forms(const Scenario& scenario, std::string_view pattern) {
  std::vector<ClosedForm> out;
  if (pattern == "client-side") {
    client_side_queueing(scenario, out);
    lease_removal(scenario, out);
  } else if (pattern == "central-lb") {
    central_lb_queueing(scenario, out);
  } else if (pattern == "dns") {
    dns_stale_answers(scenario, out);
  }
  return out;
}

}  // namespace discolab::theory

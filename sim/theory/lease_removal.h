// Removal delay of a crashed instance from a lease registry: the closed form the validation
// suite checks (docs/validation.md).
//
// Model (patterns/registry/catalog.h with ExpiryRule::exact, registry_server.h's periodic
// sweep, registration_session.h's heartbeats without jitter, zero network delay):
// - the instance renews its lease every h; it crashes (silently: nothing tells the registry,
//   it has no connection to reset) at a time U after its last renewal, U ~ Uniform[0, h);
// - the entry expires at last renewal + L (removable from that instant on: expires_at <= now);
// - sweeps run every e at a phase independent of the crash: the entry is removed at the first
//   sweep at or after its expiry, W ~ Uniform[0, e) later, W independent of U.
// The removal delay (crash → the registry drops the entry) is D = L − U + W, a trapezoid on
// [L − h, L + e): F(x) = (g(x − L + h) − g(x − L)) / (h e) with g(t) = 0 (t < 0), t²/2
// (0 ≤ t ≤ e), e²/2 + e(t − e) (t > e); mean L − h/2 + e/2, variance (h² + e²)/12.
// Eureka's double expiry (a renewed lease expires 2L after its renewal) is L' = 2L.
// h = 0 or e = 0 degenerate to a uniform on one side (e = 0: an entry removed exactly when it
// expires).
#pragma once

namespace discolab::theory {

struct LeaseModel {
  double heartbeat_s = 0.0;  // h
  double lease_s = 0.0;      // L (2L for Eureka's double expiry)
  double sweep_s = 0.0;      // e
};

// Throws std::invalid_argument for a negative parameter.
double removal_delay_cdf(const LeaseModel& m, double x);
double removal_delay_mean(const LeaseModel& m);
double removal_delay_variance(const LeaseModel& m);
// The smallest x with F(x) >= p, p in (0, 1) (bisection to 1e-12 s).
double removal_delay_quantile(const LeaseModel& m, double p);

}  // namespace discolab::theory

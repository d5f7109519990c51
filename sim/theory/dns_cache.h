// Stale answers of one client DNS cache: the closed form the validation suite checks
// (docs/validation.md).
//
// Model (what patterns/upstream/dns_source.h and patterns/dns/dns_resolver.h do with
// `dns.client.cache: ttl`, zero network delay, a DNS server fed at the instant of a change):
// - lookups arrive as a Poisson process of rate r (one per request; retries reuse the answer);
// - refresh on miss: a lookup that finds no fresh entry fetches the answer at once and the
//   cache holds it for T (fresh while now < stored + T); no prefetch, no negative answers (the
//   service always has instances), no invalidation on failure, no serve-stale;
// - the authoritative records change at the events of a Poisson process of rate λ,
//   independent of the lookups; every change makes every earlier answer differ from the truth.
// A cache cycle is a held part T and an idle part until the next lookup (mean 1/r). A hit at
// age a is stale when a change fell in the last a seconds (probability 1 − e^(−λa)); by
// renewal–reward, stale answers per change
//     S(T, r, λ) = r (T − (1 − e^(−λT))/λ) / (λ (T + 1/r)),
// which tends to r²T²/(2(1 + rT)) = [T/(T + 1/r)] · rT/2 as λ → 0 (a change lands in the
// held part with probability T/(T + 1/r), at a uniform age a, and leaves r(T − a) stale hits).
#pragma once

namespace discolab::theory {

struct DnsCacheModel {
  double ttl_s = 0.0;        // T
  double lookup_rate = 0.0;  // r, per second
  double change_rate = 0.0;  // λ, per second (0: the isolated-change limit)
};

// Expected stale answers per record change, S(T, r, λ) above. Throws std::invalid_argument
// for a negative parameter or r = 0.
double stale_answers_per_change(const DnsCacheModel& m);

// The fraction of time the cache holds a fresh entry: T / (T + 1/r).
double held_fraction(const DnsCacheModel& m);

// Mean time from a change until the client's resolved list shows it (its view's propagation
// delay): the first fetch after the change, (T²/2 + T/r + 1/r²) / (T + 1/r). Independent of λ.
double view_delay_mean_s(const DnsCacheModel& m);

}  // namespace discolab::theory

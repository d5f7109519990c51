// Closed forms of classic queueing models, for checking the simulator against (docs/validation.md).
//
// Every system here has Poisson arrivals and exponential service (mean 1/μ) at identical
// servers with FIFO queues and unbounded waiting room:
// - M/M/1: one server, utilisation ρ = λ/μ < 1; mean sojourn time 1/(μ − λ) = (1/μ)/(1 − ρ).
// - M/M/c: c servers sharing one queue, offered load a = λ/μ < c; the probability that an
//   arrival waits is Erlang's C formula, the mean wait C/(cμ − λ), the mean sojourn time that
//   plus 1/μ (Kleinrock, Queueing Systems vol. 1, §3.5; Gross & Harris, §2.3).
// - The supermarket model (Mitzenmacher, "The power of two choices in randomized load
//   balancing", IEEE TPDS 12(10), 2001; Vvedenskaya, Dobrushin & Karpelevich 1996): n
//   servers, each arrival samples d of them at random and joins the shortest queue; arrivals
//   at rate λn, λ < 1 the load per server, service rate 1. As n → ∞ the fraction of queues
//   holding at least i customers tends to s_i = λ^((d^i − 1)/(d − 1)), and the mean sojourn
//   time (Little's law: the mean number per queue over the arrival rate per queue) to
//   Σ_{i≥1} s_i / λ = Σ_{i≥1} λ^((d^i − d)/(d − 1)), in units of the mean service time. d = 1 is
//   random routing: each queue is M/M/1 and the sum is 1/(1 − λ).
// - Join the shortest queue (JSQ) over n servers with no central queue lies between M/M/n
//   (a central queue: no server idles while a request waits) and the supermarket model with
//   any d < n; jsq_mean_sojourn solves the finite-n Markov chain exactly (numerically).
// Rates are per unit time of the caller's choice; results are in the same unit.
#pragma once

#include <cstddef>

namespace discolab::theory {

// M/M/1 mean sojourn time (wait + service) at arrival rate λ and service rate μ > λ.
double mm1_mean_sojourn(double lambda, double mu);

// Erlang C: the probability that an arrival to an M/M/c queue waits, offered load a = λ/μ < c.
// Computed through the Erlang B recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)), stable for
// any c; then C = c·B / (c − a·(1 − B)).
double erlang_c(int c, double offered_load);
// M/M/c mean wait in the queue, C/(cμ − λ), and mean sojourn time, wait + 1/μ.
double mmc_mean_wait(int c, double lambda, double mu);
double mmc_mean_sojourn(int c, double lambda, double mu);

// The supermarket fixed point s_i = λ^((d^i − 1)/(d − 1)) (fraction of queues with ≥ i
// customers; s_0 = 1, s_1 = λ), d ≥ 1, 0 ≤ λ < 1.
double supermarket_tail(double lambda, int d, int i);
// Its mean sojourn time Σ_{i≥1} s_i / λ, in units of the mean service time (the n → ∞ limit).
double supermarket_mean_sojourn(double lambda, int d);

// Join the shortest queue over n identical servers (service rate 1, arrivals λn, λ < 1):
// the mean sojourn time in units of the mean service time, from the stationary distribution
// of the chain of sorted queue lengths (ties broken any way: the servers are exchangeable),
// truncated at `max_queue` customers per queue (arrivals finding every queue full are lost).
// A queue of L needs about nL customers in the system, whose probability falls as λ^(nL):
// max_queue 0 picks the L with λ^(nL) ≤ 1e-9. Solved by Gauss–Seidel iteration until the mean
// number in the system changes by less than 1e-11 (relative) in a sweep. The chain has
// C(n + L, n) states: seconds for n = 3 at λ = 0.9, for small n only.
double jsq_mean_sojourn(double lambda, int n, int max_queue = 0);

}  // namespace discolab::theory

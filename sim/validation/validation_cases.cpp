#include <cmath>
#include <cstdio>

#include "sim/validation/validation_case.h"

namespace discolab::validation {

namespace {
std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%g%%", fraction * 100.0);
  return text;
}
}  // namespace

Expectation within(double value, double below, double above) {
  Expectation e;
  e.value = value;
  e.low = value * (1.0 - below);
  e.high = value * (1.0 + above);
  e.tolerance =
      below == above ? "±" + percent(below) : "+" + percent(above) + " / −" + percent(below);
  return e;
}

std::vector<ValidationCase> validation_cases() {
  std::vector<ValidationCase> all;
  for (auto group : {queueing_cases, dns_lease_cases}) {
    for (ValidationCase& c : group()) all.push_back(std::move(c));
  }
  return all;
}

}  // namespace discolab::validation

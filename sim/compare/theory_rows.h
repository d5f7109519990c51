// Theory beside measurement: for each compared pattern, the closed forms that apply to the
// scenario (sim/theory/closed_forms.h) and the mean and 95% Student-t interval of what the
// pattern's runs measured of the same quantity. `compare` prints them under its table and
// writes them to theory.csv.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/compare/comparison.h"
#include "sim/metrics/confidence.h"
#include "sim/scenario/scenario.h"
#include "sim/theory/closed_forms.h"

namespace discolab::compare {

struct TheoryRow {
  std::string pattern;
  theory::ClosedForm form;
  metrics::MeanInterval measured;  // across the pattern's runs that define the quantity
};

// One row per pattern × applicable closed form, patterns in the comparison's order.
// `columns`: the scenario a column ran, when it is not `scenario` run with the column's name as
// its pattern (a preset's column: the scenario with the preset applied, its pattern set).
std::vector<TheoryRow> theory_rows(const Comparison& comparison, const Scenario& scenario,
                                   const std::map<std::string, Scenario>& columns = {});

// theory.csv: pattern,quantity,model,exact,theory,n,mean,ci95_low,ci95_high,half_width.
std::string theory_csv(const std::vector<TheoryRow>& rows);
// The section `compare` prints under its table; "" without rows.
std::string theory_table(const std::vector<TheoryRow>& rows);

}  // namespace discolab::compare

#include "sim/compare/theory_rows.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/metrics/csv_format.h"

namespace discolab::compare {

std::vector<TheoryRow> theory_rows(const Comparison& comparison, const Scenario& scenario,
                                   const std::map<std::string, Scenario>& columns) {
  std::vector<TheoryRow> rows;
  for (const std::string& pattern : comparison.patterns()) {
    const auto column = columns.find(pattern);
    const Scenario& applied = column != columns.end() ? column->second : scenario;
    const std::string_view run_pattern = column != columns.end() ? applied.pattern : pattern;
    for (theory::ClosedForm& form : theory::closed_forms(applied, run_pattern)) {
      std::vector<double> values;
      for (const auto& [seed, summary] : comparison.summaries(pattern))
        if (const auto v = form.measure(summary)) values.push_back(*v);
      TheoryRow row{pattern, std::move(form), metrics::mean_interval(values)};
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string theory_csv(const std::vector<TheoryRow>& rows) {
  std::string out = "pattern,quantity,model,exact,theory,n,mean,ci95_low,ci95_high,half_width\n";
  for (const TheoryRow& r : rows) {
    for (const std::string* field : {&r.pattern, &r.form.quantity, &r.form.model}) {
      metrics::append_csv_field(out, *field);
      out += ',';
    }
    out += r.form.exact ? "true," : "false,";
    metrics::append_double(out, r.form.value);
    out += ',' + std::to_string(r.measured.n);
    for (double v : {r.measured.mean, r.measured.low, r.measured.high, r.measured.half_width}) {
      out += ',';
      metrics::append_double(out, v);
    }
    out += '\n';
  }
  return out;
}

std::string theory_table(const std::vector<TheoryRow>& rows) {
  if (rows.empty()) return "";
  std::ostringstream out;
  out << "theory beside measurement (closed forms that apply to this scenario, "
         "docs/compare.md):\n";
  for (const TheoryRow& r : rows) {
    const metrics::MeanInterval& m = r.measured;
    std::string measured = m.n == 0 ? "–" : metrics::table_number(m.mean);
    if (m.n >= 2) measured += " ± " + metrics::table_number(m.half_width);
    const bool inside = m.n >= 2 && r.form.value >= m.low && r.form.value <= m.high;
    out << "  " << r.pattern << ": " << r.form.quantity << ": theory " << (r.form.exact ? "" : "≈")
        << metrics::table_number(r.form.value) << ", measured " << measured << " (n=" << m.n << ")"
        << (inside ? ", theory inside the interval" : "") << "\n"
        << "    " << r.form.model << "\n";
  }
  return out.str();
}

}  // namespace discolab::compare

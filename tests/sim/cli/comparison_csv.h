// Runs `discolab compare` on a scenario and reads its comparison.csv: each (pattern, figure)'s
// mean and 95 % interval, for scenario tests that assert a direction across patterns.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "run_command.h"

namespace discolab::testing {

struct ComparedFigure {
  double mean = 0, low = 0, high = 0;
  int n = 0;
};

class ComparedRuns {
 public:
  // `args`: extra compare options (--patterns, --seeds, --set …).
  ComparedRuns(const std::string& scenario, const std::string& args) {
    const auto out =
        scratch("compare-" + std::to_string(std::hash<std::string>{}(scenario + args)));
    const auto r =
        run_discolab("compare " + scenario + " " + args + " --quiet --out " + out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::istringstream in(read_file(out / "comparison.csv"));
    std::string line;
    const auto cells = [](const std::string& row) {
      std::vector<std::string> f;
      std::stringstream ss(row);
      for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
      return f;
    };
    std::getline(in, line);  // the header names the columns
    const auto header = cells(line);
    const auto column = [&](const std::string& name) {
      const auto it = std::find(header.begin(), header.end(), name);
      REQUIRE(it != header.end());
      return static_cast<std::size_t>(it - header.begin());
    };
    const std::size_t n = column("n"), mean = column("mean"), low = column("ci95_low"),
                      high = column("ci95_high");
    while (std::getline(in, line)) {
      const auto f = cells(line);
      if (f.size() <= high) continue;
      const auto number = [](const std::string& s) { return s.empty() ? 0.0 : std::stod(s); };
      figures_[{f[0], f[1]}] = {number(f[mean]), number(f[low]), number(f[high]), std::stoi(f[n])};
    }
  }

  // Requires the figure to be there, with at least two runs behind it.
  const ComparedFigure& at(const std::string& pattern, const std::string& figure) const {
    const auto it = figures_.find({pattern, figure});
    INFO(pattern << " " << figure);
    REQUIRE(it != figures_.end());
    REQUIRE(it->second.n >= 2);
    return it->second;
  }

 private:
  std::map<std::pair<std::string, std::string>, ComparedFigure> figures_;
};

inline std::string show(const ComparedFigure& f) {
  std::ostringstream s;
  s << f.mean << " [" << f.low << ", " << f.high << "]";
  return s.str();
}

}  // namespace discolab::testing

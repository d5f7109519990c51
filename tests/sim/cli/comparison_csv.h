// Runs `discolab compare` on a scenario and reads its comparison.csv: each (pattern, figure)'s
// mean and 95 % interval, for scenario tests that assert a direction across patterns.
#pragma once

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
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
      if (f.size() < 8) continue;
      const auto number = [](const std::string& s) { return s.empty() ? 0.0 : std::stod(s); };
      figures_[{f[0], f[1]}] = {number(f[5]), number(f[6]), number(f[7]), std::stoi(f[4])};
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

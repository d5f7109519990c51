// Plots drawn by gnuplot (Debian's gnuplot-nox) run as a child process, without a display:
// the svg and pngcairo terminals need no X server. Each plot is a script and a data file
// written next to its images (plots/<name>.gp, plots/<name>.dat), so a reader can restyle
// a plot and run `gnuplot <name>.gp` in that folder.
//
// A plot draws one line per series (mean against x, with points) over a shaded band (the 95%
// interval, gnuplot's filledcurves), with a log x axis when asked, or category labels on x.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace discolab::report {

struct PlotSeries {
  std::string name;
  std::vector<std::array<double, 4>> points;  // x, mean, low, high (ascending x)
};

struct PlotSpec {
  std::string name;  // file name without extension
  std::string title, xlabel, ylabel;
  bool log_x = false;
  bool log_y = false;
  std::vector<std::string> categories;  // non-empty: x is 0, 1, … labelled with these
  std::vector<PlotSeries> series;       // series without points are left out
};

// The gnuplot executable on PATH, if any.
std::optional<std::filesystem::path> find_gnuplot();

// Writes each plot's script and data into `dir` and runs `gnuplot` once for them all, making
// <name>.svg and <name>.png. Throws std::runtime_error with gnuplot's message on failure.
void render_plots(const std::filesystem::path& gnuplot, const std::filesystem::path& dir,
                  const std::vector<PlotSpec>& plots);

// A file name from any text: letters, digits and ._=- kept, anything else '_'.
std::string file_safe(const std::string& text);

}  // namespace discolab::report

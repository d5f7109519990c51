#include "sim/report/gnuplot_plots.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/compare/child_pool.h"
#include "sim/metrics/csv_format.h"

namespace discolab::report {
namespace {

// A gnuplot single-quoted string: no escapes but '' for a quote.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string number(double v) {
  std::string out;
  metrics::append_double(out, v);
  return out;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// One index block per drawn series: "x mean low high" lines.
std::string data_text(const PlotSpec& plot) {
  std::string out;
  for (const PlotSeries& s : plot.series) {
    if (s.points.empty()) continue;
    out += "# " + s.name + "\n";
    for (const auto& p : s.points)
      out += number(p[0]) + " " + number(p[1]) + " " + number(p[2]) + " " + number(p[3]) + "\n";
    out += "\n\n";
  }
  return out;
}

std::string script_text(const PlotSpec& plot) {
  std::ostringstream gp;
  const std::string data = quoted(plot.name + ".dat");
  gp << "# Drawn by discolab report; run `gnuplot " << plot.name
     << ".gp` in this folder.\n"
     // noenhanced: keys and labels are literal ("client_side" has no subscript)
     << "set title " << quoted(plot.title) << " noenhanced\n"
     << "set xlabel " << quoted(plot.xlabel) << " noenhanced\n"
     << "set ylabel " << quoted(plot.ylabel) << " noenhanced\n"
     << "set key outside right top\n"
     << "set grid\n"
     << "set style fill transparent solid 0.2 noborder\n"
     << "set offsets graph 0.02, graph 0.02, graph 0.05, graph 0.05\n";
  if (plot.log_x) gp << "set logscale x\n";
  if (plot.log_y) gp << "set logscale y\n";
  if (!plot.categories.empty()) {
    gp << "set xtics (";
    for (std::size_t i = 0; i < plot.categories.size(); ++i)
      gp << (i > 0 ? ", " : "") << quoted(plot.categories[i]) << " " << i;
    gp << ")\n";
  }
  std::string plots;
  int index = 0, color = 0;
  for (const PlotSeries& s : plot.series) {
    if (s.points.empty()) {
      ++color;
      continue;
    }
    const std::string lc = " lc " + std::to_string(++color);
    plots += std::string(plots.empty() ? "" : ", \\\n     ") + data + " index " +
             std::to_string(index) + " using 1:3:4 with filledcurves" + lc + " notitle, \\\n     " +
             data + " index " + std::to_string(index) + " using 1:2 with linespoints" + lc +
             " lw 2 pt 7 ps 0.8 title " + quoted(s.name) + " noenhanced";
    ++index;
  }
  for (const auto& [terminal, ext] :
       {std::pair{"svg size 800,480 font 'sans,11' background rgb 'white'", "svg"},
        std::pair{"pngcairo size 1000,600 font 'sans,11'", "png"}}) {
    gp << "set terminal " << terminal << "\n"
       << "set output " << quoted(plot.name + "." + ext) << "\n"
       << "plot " << plots << "\n"
       << "unset output\n";
  }
  return gp.str();
}

}  // namespace

std::optional<std::filesystem::path> find_gnuplot() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / "gnuplot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

void render_plots(const std::filesystem::path& gnuplot, const std::filesystem::path& dir,
                  const std::vector<PlotSpec>& plots) {
  if (plots.empty()) return;
  std::filesystem::create_directories(dir);
  const std::filesystem::path abs = std::filesystem::absolute(dir);
  compare::ChildJob job{{gnuplot.string(), "-e", "cd " + quoted(abs.string())}};
  for (const PlotSpec& plot : plots) {
    write_file(abs / (plot.name + ".dat"), data_text(plot));
    write_file(abs / (plot.name + ".gp"), script_text(plot));
    job.argv.push_back(plot.name + ".gp");
  }
  compare::ChildExit result;
  compare::ChildPool pool(1);
  pool.run({job},
           {nullptr, [&](std::size_t, const compare::ChildExit& e) { result = e; }, nullptr});
  if (!result.started || result.exit_code != 0)
    throw std::runtime_error("gnuplot failed (" + gnuplot.string() + "): " + result.stderr_tail);
  for (const PlotSpec& plot : plots)
    for (const char* ext : {".svg", ".png"})
      if (std::error_code ec; std::filesystem::file_size(abs / (plot.name + ext), ec) == 0 || ec)
        throw std::runtime_error("gnuplot did not write " + (abs / (plot.name + ext)).string());
}

std::string file_safe(const std::string& text) {
  std::string out;
  for (unsigned char c : text)
    out += (std::isalnum(c) != 0 || c == '.' || c == '_' || c == '=' || c == '-') ? char(c) : '_';
  return out;
}

}  // namespace discolab::report

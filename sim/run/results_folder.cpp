#include "sim/run/results_folder.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace discolab {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPartial = ".partial-";

bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

// The pid of "<name>.partial-<pid>", or 0 when the name is not a staging folder's.
pid_t staging_pid(const std::string& name) {
  const auto at = name.rfind(kPartial);
  if (at == std::string::npos || at == 0) return 0;
  const std::string digits = name.substr(at + kPartial.size());
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return static_cast<pid_t>(std::stol(digits));
}

void write_marker(const fs::path& dir) {
  std::ofstream out(dir / kResultsMarker);
  out << "A discolab results folder: `discolab run --force` may replace it.\n";
  if (!out) throw std::runtime_error("cannot write " + (dir / kResultsMarker).string());
}

std::string refusal(const fs::path& target) {
  std::error_code ec;
  const auto status = fs::symlink_status(target, ec);
  if (fs::is_directory(status)) {
    return target.string() + " is not a discolab results folder (no " + kResultsMarker +
           " marker, no summary.json and scenario.resolved.yaml): --force replaces only results "
           "folders; choose another --out";
  }
  const char* what = fs::is_symlink(status) ? " is a symbolic link" : " is a file";
  return target.string() + what + ", not a results folder: discolab never replaces one; " +
         "choose another --out";
}

}  // namespace

fs::path normalise_results_path(const fs::path& out) {
  if (out.empty()) throw std::invalid_argument("--out: the results folder name is empty");
  fs::path p = out.lexically_normal();
  while (!p.empty() && p.filename().empty() && p.has_relative_path()) p = p.parent_path();
  if (p.empty() || !p.has_relative_path() || p.filename() == "." || p.filename() == "..")
    throw std::invalid_argument("--out " + out.string() + ": not a folder name a run can write");
  return p;
}

bool is_results_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return false;
  return fs::exists(dir / kResultsMarker, ec) ||
         (fs::is_regular_file(dir / "summary.json", ec) &&
          fs::is_regular_file(dir / "scenario.resolved.yaml", ec));
}

std::vector<fs::path> remove_stale_staging(const fs::path& parent) {
  std::vector<fs::path> removed;
  std::error_code ec;
  const fs::path dir = parent.empty() ? fs::path(".") : parent;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const pid_t pid = staging_pid(p.filename().string());
    if (pid <= 0 || pid == ::getpid() || process_alive(pid)) continue;
    std::error_code e2;
    if (!fs::is_directory(fs::symlink_status(p, e2))) continue;
    // Ours: it carries the marker, or it is empty (the run was killed between creating the
    // folder and writing the marker into it); an empty folder holds nothing to lose.
    if (!fs::exists(p / kResultsMarker, e2) && !fs::is_empty(p, e2)) continue;
    fs::remove_all(p, e2);
    if (!e2) removed.push_back(parent.empty() ? p.filename() : p);
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

ResultsFolder::ResultsFolder(const fs::path& target, bool replace)
    : target_(normalise_results_path(target)), replace_(replace) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target_, ec))) {
    if (!replace_) {
      throw std::invalid_argument("results folder " + target_.string() +
                                  " already exists (choose another --out, or --force to replace "
                                  "it)");
    }
    if (!is_results_folder(target_)) throw std::invalid_argument(refusal(target_));
  }
  if (target_.has_parent_path()) fs::create_directories(target_.parent_path());
  staging_ = target_;
  staging_ += std::string(kPartial) + std::to_string(getpid());
  fs::remove_all(staging_);
  fs::create_directories(staging_);
  write_marker(staging_);
}

ResultsFolder::~ResultsFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void ResultsFolder::commit() {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target_, ec))) {
    if (!replace_)
      throw std::runtime_error("results folder " + target_.string() + " appeared during the run");
    if (!is_results_folder(target_)) throw std::runtime_error(refusal(target_));
    fs::path old = target_;
    old += ".old-" + std::to_string(getpid());
    fs::rename(target_, old);
    fs::rename(staging_, target_);
    fs::remove_all(old);
  } else {
    fs::rename(staging_, target_);
  }
  committed_ = true;
}

fs::path default_results_dir(const fs::path& root, const std::string& scenario,
                             const std::string& pattern, std::uint64_t seed,
                             const std::string& engine, const std::string& overrides_tag) {
  std::string leaf = pattern + "-seed" + std::to_string(seed) + "-" + engine;
  if (!overrides_tag.empty()) leaf += "-" + overrides_tag;
  const fs::path base = root / scenario / leaf;
  fs::path candidate = base;
  for (int k = 2; fs::exists(candidate); ++k) candidate = base.string() + "-" + std::to_string(k);
  return candidate;
}

std::string overrides_tag(std::vector<std::string> overrides) {
  if (overrides.empty()) return {};
  std::sort(overrides.begin(), overrides.end());
  std::uint32_t h = 2166136261u;  // FNV-1a, 32 bits
  for (const std::string& o : overrides) {
    for (unsigned char c : o + '\n') {
      h ^= c;
      h *= 16777619u;
    }
  }
  char text[16];
  std::snprintf(text, sizeof text, "set%08x", h);
  return text;
}

}  // namespace discolab

#include "sim/run/results_folder.h"

#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace discolab {

namespace fs = std::filesystem;

ResultsFolder::ResultsFolder(fs::path target, bool replace)
    : target_(std::move(target)), replace_(replace) {
  if (fs::exists(target_) && !replace_) {
    throw std::invalid_argument("results folder " + target_.string() +
                                " already exists (choose another --out, or --force to replace it)");
  }
  if (target_.has_parent_path()) fs::create_directories(target_.parent_path());
  staging_ = target_;
  staging_ += ".partial-" + std::to_string(getpid());
  fs::remove_all(staging_);
  fs::create_directories(staging_);
}

ResultsFolder::~ResultsFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void ResultsFolder::commit() {
  if (fs::exists(target_)) {
    if (!replace_)
      throw std::runtime_error("results folder " + target_.string() + " appeared during the run");
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
                             const std::string& engine) {
  const fs::path base = root / scenario / (pattern + "-seed" + std::to_string(seed) + "-" + engine);
  fs::path candidate = base;
  for (int k = 2; fs::exists(candidate); ++k) candidate = base.string() + "-" + std::to_string(k);
  return candidate;
}

}  // namespace discolab

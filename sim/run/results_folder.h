// Where a run writes, and how it keeps a results folder whole.
//
// A run writes into a hidden sibling folder "<dir>.partial-<pid>" and renames it to <dir>
// only once every file is written: a failed or interrupted run leaves no half-written folder
// behind and never touches an existing one. Every results folder carries a marker file
// (kResultsMarker), so discolab can tell its own folders from anything else:
// - an existing <dir> is an error unless `replace`, and even then only a results folder (one
//   with the marker, or with summary.json and scenario.resolved.yaml as older versions wrote)
//   is replaced, after the new one is complete; a file or any other folder is never replaced;
// - staging folders left by a killed run (marker inside, or empty; its process gone) are removed by
// the
//   next run into the same parent folder (remove_stale_staging).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace discolab {

inline constexpr const char* kResultsMarker = ".discolab-results";

class ResultsFolder {
 public:
  // Throws std::invalid_argument, before creating anything, when `target` is empty, exists and
  // `replace` is false, or exists and is not a results folder.
  ResultsFolder(const std::filesystem::path& target, bool replace);
  ~ResultsFolder();  // removes the partial folder if commit() was not reached
  ResultsFolder(const ResultsFolder&) = delete;
  ResultsFolder& operator=(const ResultsFolder&) = delete;

  // Where to write the files now.
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }
  // Moves the staging folder to the target.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool replace_;
  bool committed_ = false;
};

// "parent/new/" and "parent/./new" → "parent/new". Throws std::invalid_argument for an empty
// path or one that names no folder ("/", ".", "..").
std::filesystem::path normalise_results_path(const std::filesystem::path& out);

// A folder discolab wrote: it has the marker, or summary.json and scenario.resolved.yaml.
bool is_results_folder(const std::filesystem::path& dir);

// Removes "<name>.partial-<pid>" folders in `parent` that carry the marker (or are empty: killed
// before the marker was written) and whose process no longer exists (a run killed with
// SIGKILL); returns what it removed.
std::vector<std::filesystem::path> remove_stale_staging(const std::filesystem::path& parent);

// results/<scenario>/<pattern>-seed<seed>-<engine>[-set<hash>], with "-2", "-3" … appended when
// taken. `overrides_tag` (from overrides_tag()) is empty when the run has no --set.
std::filesystem::path default_results_dir(const std::filesystem::path& root,
                                          const std::string& scenario, const std::string& pattern,
                                          std::uint64_t seed, const std::string& engine,
                                          const std::string& overrides_tag = {});

// "set3f9a2c1b": a short hash of the --set overrides, sorted so their order does not matter;
// the same overrides always give the same tag (FNV-1a, not std::hash). Empty for none.
std::string overrides_tag(std::vector<std::string> overrides);

}  // namespace discolab

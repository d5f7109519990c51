// Where a run writes, and how it keeps a results folder whole.
//
// A run writes into a hidden sibling folder "<dir>.partial-<pid>" and renames it to <dir>
// only once every file is written: a failed or killed run leaves no half-written folder
// behind and never touches an existing one. An existing <dir> is an error unless `replace`,
// in which case it is swapped out after the new one is complete.
#pragma once

#include <filesystem>
#include <string>

namespace discolab {

class ResultsFolder {
 public:
  // Throws std::invalid_argument when `target` exists and `replace` is false.
  ResultsFolder(std::filesystem::path target, bool replace);
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

// results/<scenario>/<pattern>-seed<seed>-<engine>, with "-2", "-3" … appended when taken.
std::filesystem::path default_results_dir(const std::filesystem::path& root,
                                          const std::string& scenario, const std::string& pattern,
                                          std::uint64_t seed, const std::string& engine);

}  // namespace discolab

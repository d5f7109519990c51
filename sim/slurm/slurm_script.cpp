#include "sim/slurm/slurm_script.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace discolab::batch {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void reject(const std::string& what) {
  throw std::invalid_argument("SLURM scripts: " + what);
}

// 'text' for bash: everything literal, a ' written as '\''.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// An #SBATCH --output value: `folder`/`pattern` double-quoted for sbatch's directive parser,
// with the folder's '%' doubled (SLURM's filename patterns read %A, %a, %j; %% is a literal '%').
std::string sbatch_file_pattern(const fs::path& folder, const std::string& pattern) {
  std::string value = "\"";
  for (const char c : folder.string()) {
    value += c;
    if (c == '%') value += '%';
  }
  return value + "/" + pattern + "\"";
}

bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

fs::path checked_path(const fs::path& path, const std::string& name) {
  if (path.empty()) reject(name + " path is empty");
  if (has_control_character(path.string())) {
    reject(name + " path '" + path.string() + "' contains a control character (e.g. a newline)");
  }
  return fs::absolute(path).lexically_normal();
}

bool is_job_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::string default_job_name(const fs::path& sweep) {
  std::string name = "discolab-" + sweep.stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !is_job_name_character(c); }, '_');
  return name;
}

// SLURM's --time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or UNLIMITED / INFINITE.
bool is_time_limit(const std::string& text) {
  static const std::regex format(R"(\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2}|unlimited|infinite)",
                                 std::regex::icase);
  return std::regex_match(text, format);
}

// "--partition=short" or "#SBATCH --partition=short" → "--partition=short".
std::string sbatch_option(const std::string& line) {
  std::string option = line;
  if (option.rfind("#SBATCH", 0) == 0) option.erase(0, 7);
  const auto first = option.find_first_not_of(" \t");
  option = first == std::string::npos ? "" : option.substr(first);
  option.erase(option.find_last_not_of(" \t") + 1);
  if (option.empty() || option[0] != '-' || has_control_character(option)) {
    reject("extra #SBATCH option '" + line + "' is not one '--option[=value]' line");
  }
  return option;
}

struct Checked {
  fs::path program, sweep, out;
  std::size_t shards = 0, cpus = 0;
  std::string job_name, time_limit;
  std::vector<std::string> extra;
};

Checked check(const SlurmRequest& request) {
  if (request.shards == 0) reject("shards must be at least 1 (got 0)");
  if (request.cpus_per_task == 0) reject("cpus_per_task must be at least 1 (got 0)");
  if (request.program.empty()) reject("program path is empty");
  if (request.program.is_relative()) {
    reject("program path '" + request.program.string() +
           "' is relative; the array tasks run elsewhere, give the absolute path of discolab");
  }
  Checked c;
  c.program = checked_path(request.program, "program");
  c.sweep = checked_path(request.sweep, "sweep");
  c.out = checked_path(request.out, "out");
  const std::string out = c.out.string();
  if (out.find_first_of("\"\\") != std::string::npos) {
    reject("out path '" + out +
           "' contains '\"' or '\\', which an #SBATCH --output line cannot hold");
  }
  c.shards = request.shards;
  c.cpus = request.cpus_per_task;
  c.job_name = request.job_name.empty() ? default_job_name(c.sweep) : request.job_name;
  if (!std::all_of(c.job_name.begin(), c.job_name.end(), is_job_name_character)) {
    reject("job name '" + request.job_name + "' may hold only letters, digits, '.', '_' and '-'");
  }
  if (!is_time_limit(request.time_limit)) {
    reject("time limit '" + request.time_limit +
           "' is not a SLURM time (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S or UNLIMITED)");
  }
  c.time_limit = request.time_limit;
  for (const auto& line : request.extra_sbatch) c.extra.push_back(sbatch_option(line));
  return c;
}

void write_directives(std::ostream& s, const Checked& c, const std::string& job_name,
                      std::size_t cpus, const std::string& log_name) {
  s << "#SBATCH --job-name=" << job_name << "\n"
    << "#SBATCH --ntasks=1\n"
    << "#SBATCH --cpus-per-task=" << cpus << "\n"
    << "#SBATCH --time=" << c.time_limit << "\n"
    << "#SBATCH --output=" << sbatch_file_pattern(c.out / "logs", log_name) << "\n";
}

void write_extra_directives(std::ostream& s, const Checked& c) {
  for (const auto& option : c.extra) s << "#SBATCH " << option << "\n";
}

std::string shard_script(const Checked& c) {
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# One shard of a discolab sweep per array task (written by discolab; see "
       "docs/batch-slurm.md).\n"
    << "# Task K of " << c.shards << " writes its own store under shards/shard-K/.\n";
  write_directives(s, c, c.job_name, c.cpus, c.job_name + "-%A_%a.out");
  s << "#SBATCH --array=1-" << c.shards << "\n";
  write_extra_directives(s, c);
  s << "set -euo pipefail\n"
    << "exec " << shell_quote(c.program.string()) << " batch " << shell_quote(c.sweep.string())
    << " --shard \"${SLURM_ARRAY_TASK_ID}/" << c.shards << "\" \\\n"
    << "  --out " << shell_quote((c.out / "shards" / "shard-").string())
    << "\"${SLURM_ARRAY_TASK_ID}\" -j \"${SLURM_CPUS_PER_TASK:-" << c.cpus << "}\" --yes\n";
  return s.str();
}

std::string merge_script(const Checked& c) {
  const fs::path shards = c.out / "shards";
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# Merges the " << c.shards
    << " shard stores into results.sqlite once every array task succeeded\n"
    << "# (written by discolab; see docs/batch-slurm.md).\n";
  write_directives(s, c, c.job_name + "-merge", 1, c.job_name + "-merge-%j.out");
  s << "#SBATCH --kill-on-invalid-dep=yes\n";
  write_extra_directives(s, c);
  // Every shard by name, not a glob: a missing store is an error, not a smaller result.
  s << "set -euo pipefail\n"
    << "stores=()\n"
    << "for ((k = 1; k <= " << c.shards << "; k++)); do\n"
    << "  stores+=(" << shell_quote((shards / "shard-").string()) << "\"$k\"/results.sqlite)\n"
    << "done\n"
    << "exec " << shell_quote(c.program.string()) << " merge --out "
    << shell_quote((c.out / "results.sqlite").string()) << " \"${stores[@]}\"\n";
  return s.str();
}

std::string submit_script(const Checked& c) {
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# Submits the shard array, then the merge job that waits for all of its tasks to succeed\n"
    << "# (written by discolab; see docs/batch-slurm.md). Arguments go to both sbatch calls,\n"
    << "# e.g. bash submit.sh --partition=short\n"
    << "set -euo pipefail\n"
    << "here=$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\n"
    << "mkdir -p " << shell_quote((c.out / "logs").string()) << " "
    << shell_quote((c.out / "shards").string()) << "\n"
    << "array_id=$(sbatch --parsable \"$@\" \"$here/shards.sbatch\")\n"
    << "array_id=${array_id%%;*}  # --parsable prints <id>[;<cluster>]\n"
    << "merge_id=$(sbatch --parsable --dependency=afterok:\"$array_id\" \"$@\" "
       "\"$here/merge.sbatch\")\n"
    << "merge_id=${merge_id%%;*}\n"
    << "echo \"array job: $array_id\"\n"
    << "echo \"merge job: $merge_id\"\n";
  return s.str();
}

fs::path write_script(const fs::path& path, const std::string& text) {
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) throw std::runtime_error("SLURM scripts: cannot write " + path.string());
  }
  fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add);
  return path;
}

}  // namespace

std::vector<fs::path> write_slurm_scripts(const SlurmRequest& request, const fs::path& dir) {
  const Checked checked = check(request);
  fs::create_directories(dir);
  return {write_script(dir / "shards.sbatch", shard_script(checked)),
          write_script(dir / "merge.sbatch", merge_script(checked)),
          write_script(dir / "submit.sh", submit_script(checked))};
}

}  // namespace discolab::batch

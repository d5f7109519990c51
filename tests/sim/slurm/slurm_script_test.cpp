#include "sim/slurm/slurm_script.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "tests/file_helpers.h"

using discolab::batch::SlurmRequest;
using discolab::batch::write_slurm_scripts;
using discolab::testing::read_text;
namespace fs = std::filesystem;

namespace {

// A fresh folder whose name has a space and a single quote, as users' paths sometimes do.
fs::path fresh(const std::string& name) {
  return discolab::testing::fresh_test_dir("discolab slurm's test", name);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

void write_executable(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  fs::permissions(p, fs::perms::owner_all, fs::perm_options::add);
}

// A program that writes its arguments, one a line, to $RECORD (appending), so a test sees
// exactly what the generated script passed.
const char* const kRecorder = "#!/bin/sh\nprintf '%s\\n' \"$@\" >> \"$RECORD\"\n";

// Runs `bash script [argument] > stdout_file` with the environment variables given (restored
// afterwards); returns the exit status.
int run_bash(const fs::path& script, std::vector<std::pair<std::string, std::string>> env,
             const std::string& argument = "", const fs::path& stdout_file = "/dev/null") {
  env.emplace_back("DISCOLAB_TEST_SCRIPT", script.string());
  env.emplace_back("DISCOLAB_TEST_ARG", argument);
  env.emplace_back("DISCOLAB_TEST_STDOUT", stdout_file.string());
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  for (const auto& [name, value] : env) {
    const char* old = std::getenv(name.c_str());
    saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  const int status = std::system(
      "bash \"$DISCOLAB_TEST_SCRIPT\" ${DISCOLAB_TEST_ARG:+\"$DISCOLAB_TEST_ARG\"} "
      "> \"$DISCOLAB_TEST_STDOUT\"");
  for (const auto& [name, old] : saved) {
    if (old) {
      ::setenv(name.c_str(), old->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
  return status;
}

struct Setup {
  fs::path root, scripts, record;
  SlurmRequest request;
};

Setup setup(const std::string& name) {
  Setup s;
  s.root = fresh(name);
  s.scripts = s.root / "slurm scripts";
  s.record = s.root / "record.txt";
  s.request.program = s.root / "bin dir" / "fake discolab";
  s.request.sweep = s.root / "my sweep.yaml";
  s.request.out = s.root / "out dir" / "sweep's results";
  s.request.shards = 4;
  s.request.cpus_per_task = 3;
  write_executable(s.request.program, kRecorder);
  return s;
}

bool contains_line(const std::string& text, const std::string& line) {
  const auto all = lines(text);
  return std::find(all.begin(), all.end(), line) != all.end();
}

}  // namespace

TEST_CASE("the array script asks for one task per shard with the requested resources", "[slurm]") {
  Setup s = setup("directives");
  s.request.job_name = "ttl-sweep";
  s.request.time_limit = "2-00:30:00";
  s.request.extra_sbatch = {"--partition=short", "#SBATCH --account=lab"};
  const auto written = write_slurm_scripts(s.request, s.scripts);
  REQUIRE(written == std::vector<fs::path>{s.scripts / "shards.sbatch", s.scripts / "merge.sbatch",
                                           s.scripts / "submit.sh"});

  const std::string array = read_text(written[0]);
  CHECK(array.rfind("#!/bin/bash\n", 0) == 0);
  CHECK(contains_line(array, "#SBATCH --array=1-4"));
  CHECK(contains_line(array, "#SBATCH --cpus-per-task=3"));
  CHECK(contains_line(array, "#SBATCH --time=2-00:30:00"));
  CHECK(contains_line(array, "#SBATCH --job-name=ttl-sweep"));
  CHECK(contains_line(array, "#SBATCH --partition=short"));
  CHECK(contains_line(array, "#SBATCH --account=lab"));
  // The per-task log: SLURM's %A (array id) and %a (task) in a quoted folder with a space.
  CHECK(contains_line(
      array, "#SBATCH --output=\"" + (s.request.out / "logs").string() + "/ttl-sweep-%A_%a.out\""));

  const std::string merge = read_text(written[1]);
  CHECK(contains_line(merge, "#SBATCH --job-name=ttl-sweep-merge"));
  CHECK(contains_line(merge, "#SBATCH --cpus-per-task=1"));
  CHECK(contains_line(merge, "#SBATCH --partition=short"));
  CHECK(contains_line(merge, "#SBATCH --kill-on-invalid-dep=yes"));
  CHECK(merge.find("--array") == std::string::npos);

  // sbatch reads directives only up to the first command: every #SBATCH line comes first.
  for (const auto& text : {array, merge}) {
    const auto first_command = text.find("\nset -euo pipefail");
    REQUIRE(first_command != std::string::npos);
    CHECK(text.find("#SBATCH", first_command) == std::string::npos);
  }
}

TEST_CASE("each array task runs its own shard into its own store", "[slurm]") {
  Setup s = setup("shard");
  const auto written = write_slurm_scripts(s.request, s.scripts);
  REQUIRE(run_bash(written[0], {{"RECORD", s.record.string()},
                                {"SLURM_ARRAY_TASK_ID", "2"},
                                {"SLURM_CPUS_PER_TASK", "3"}}) == 0);
  CHECK(lines(read_text(s.record)) ==
        std::vector<std::string>{"batch", s.request.sweep.string(), "--shard", "2/4", "--out",
                                 (s.request.out / "shards" / "shard-2").string(), "-j", "3",
                                 "--yes"});
}

TEST_CASE("the merge job merges every shard store into results.sqlite", "[slurm]") {
  Setup s = setup("merge");
  s.request.shards = 3;
  const auto written = write_slurm_scripts(s.request, s.scripts);
  REQUIRE(run_bash(written[1], {{"RECORD", s.record.string()}}) == 0);
  const fs::path shards = s.request.out / "shards";
  CHECK(lines(read_text(s.record)) ==
        std::vector<std::string>{"merge", "--out", (s.request.out / "results.sqlite").string(),
                                 (shards / "shard-1" / "results.sqlite").string(),
                                 (shards / "shard-2" / "results.sqlite").string(),
                                 (shards / "shard-3" / "results.sqlite").string()});
}

TEST_CASE("submit.sh makes the merge job depend on the whole array and prints both ids",
          "[slurm]") {
  Setup s = setup("submit");
  const auto written = write_slurm_scripts(s.request, s.scripts);
  // A stand-in sbatch: records each call's arguments after a "--call" line and answers like
  // `sbatch --parsable` (the first answer with a cluster name, as federated SLURMs print).
  const fs::path bin = s.root / "fake bin";
  write_executable(bin / "sbatch",
                   "#!/bin/sh\n{ echo --call; printf '%s\\n' \"$@\"; } >> \"$RECORD\"\n"
                   "if [ -f \"$RECORD.n\" ]; then echo 42; else touch \"$RECORD.n\"; "
                   "echo '41;cluster'; fi\n");
  const fs::path printed = s.root / "printed.txt";
  REQUIRE(
      run_bash(written[2],
               {{"RECORD", s.record.string()}, {"PATH", bin.string() + ":" + std::getenv("PATH")}},
               "--partition=short", printed) == 0);

  CHECK(lines(read_text(printed)) == std::vector<std::string>{"array job: 41", "merge job: 42"});
  CHECK(lines(read_text(s.record)) ==
        std::vector<std::string>{"--call", "--parsable", "--partition=short",
                                 (s.scripts / "shards.sbatch").string(), "--call", "--parsable",
                                 "--dependency=afterok:41", "--partition=short",
                                 (s.scripts / "merge.sbatch").string()});
  CHECK(fs::is_directory(s.request.out / "logs"));  // SLURM does not create --output folders
  CHECK(fs::is_directory(s.request.out / "shards"));
}

TEST_CASE("relative sweep and out paths are written absolute, and a % in a folder is escaped",
          "[slurm]") {
  Setup s = setup("relative");
  s.request.sweep = "sweeps/ttl.yaml";
  s.request.out = "results/100%";
  const auto written = write_slurm_scripts(s.request, s.scripts);
  const std::string array = read_text(written[0]);
  const fs::path out = fs::current_path() / "results" / "100%";
  CHECK(array.find(" batch '" + (fs::current_path() / "sweeps" / "ttl.yaml").string() + "'") !=
        std::string::npos);
  CHECK(contains_line(array, "#SBATCH --job-name=discolab-ttl"));
  CHECK(contains_line(array, "#SBATCH --output=\"" + fs::current_path().string() +
                                 "/results/100%%/logs/discolab-ttl-%A_%a.out\""));
  CHECK(array.find("'" + (out / "shards" / "shard-").string() + "'") != std::string::npos);
}

TEST_CASE("bad requests are refused with a message naming the problem, before writing",
          "[slurm][errors]") {
  Setup s = setup("errors");
  const auto refused = [&](const std::string& fragment) {
    CHECK_THROWS_WITH(write_slurm_scripts(s.request, s.scripts), Catch::Contains(fragment));
    CHECK_FALSE(fs::exists(s.scripts));
  };
  SECTION("no shards") {
    s.request.shards = 0;
    refused("shards must be at least 1");
  }
  SECTION("no cpus") {
    s.request.cpus_per_task = 0;
    refused("cpus_per_task must be at least 1");
  }
  SECTION("a relative program") {
    s.request.program = "build/discolab";
    refused("program path 'build/discolab' is relative");
  }
  SECTION("an empty program, sweep or out") {
    s.request.program.clear();
    refused("program path is empty");
    s.request.program = "/usr/bin/discolab";
    s.request.sweep.clear();
    refused("sweep path is empty");
    s.request.sweep = "a.yaml";
    s.request.out.clear();
    refused("out path is empty");
  }
  SECTION("a newline in a path") {
    s.request.sweep = s.root / "two\nlines.yaml";
    refused("contains a control character");
  }
  SECTION("a double quote in the out path") {
    s.request.out = s.root / "say \"hi\"";
    refused("cannot hold");
  }
  SECTION("a job name with a space") {
    s.request.job_name = "my sweep";
    refused("job name 'my sweep' may hold only");
  }
  SECTION("a time limit SLURM does not read") {
    s.request.time_limit = "1h";
    refused("time limit '1h' is not a SLURM time");
  }
  SECTION("an extra option that is not an option line") {
    s.request.extra_sbatch = {"partition=short"};
    refused("extra #SBATCH option 'partition=short'");
  }
  SECTION("an extra option with a newline") {
    s.request.extra_sbatch = {"--partition=short\n--account=x"};
    refused("is not one '--option[=value]' line");
  }
}

TEST_CASE("every SLURM time format is accepted", "[slurm]") {
  Setup s = setup("times");
  for (const std::string time :
       {"30", "30:00", "01:00:00", "2-0", "2-12:00", "2-12:00:00", "UNLIMITED", "infinite"}) {
    s.request.time_limit = time;
    CHECK_NOTHROW(write_slurm_scripts(s.request, s.scripts));
    CHECK(contains_line(read_text(s.scripts / "shards.sbatch"), "#SBATCH --time=" + time));
  }
}

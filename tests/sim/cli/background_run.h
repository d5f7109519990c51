// Starts the real `discolab` binary as a child process (from the source tree) so a test can
// signal it while it runs.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "run_command.h"

namespace discolab::testing {

class BackgroundRun {
 public:
  explicit BackgroundRun(const std::vector<std::string>& args) {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("discolab-bg-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    const std::string out = (dir_ / "out").string(), err = (dir_ / "err").string();
    std::vector<std::string> argv_text{DISCOLAB_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : argv_text) argv.push_back(a.data());
      argv.push_back(nullptr);
      const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(o, 1);
      ::dup2(e, 2);
      if (::chdir(DISCOLAB_SOURCE_DIR) != 0) ::_exit(120);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~BackgroundRun() {
    if (!waited_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    std::filesystem::remove_all(dir_);
  }
  BackgroundRun(const BackgroundRun&) = delete;
  BackgroundRun& operator=(const BackgroundRun&) = delete;

  pid_t pid() const { return pid_; }

  // Waits (up to a minute, polling) for `path` to exist; false if it never did or the process
  // ended first.
  bool wait_for(const std::filesystem::path& path) {
    for (int i = 0; i < 6000; ++i) {
      if (std::filesystem::exists(path)) return true;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        waited_ = true;
        status_ = status;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  void signal(int sig) const { ::kill(pid_, sig); }

  // The exit code, or 256 + the signal that ended the process.
  int wait() {
    if (!waited_) {
      ::waitpid(pid_, &status_, 0);
      waited_ = true;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : 256 + WTERMSIG(status_);
  }
  std::string out() const { return read_file(dir_ / "out"); }
  std::string err() const { return read_file(dir_ / "err"); }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int status_ = 0;
  bool waited_ = false;
};

}  // namespace discolab::testing

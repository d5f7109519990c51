#include "sim/compare/child_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace discolab::compare {
namespace {

constexpr std::size_t kStderrTailBytes = 4096;

struct Running {
  std::size_t job = 0;
  pid_t pid = -1;
  int out = -1;  // read ends; -1 once at EOF
  int err = -1;
  std::string out_buffer;
  std::string err_tail;
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Starts `job` with stdout and stderr on pipes and stdin from /dev/null.
Running start(std::size_t index, const ChildJob& job, std::string& error) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return {};
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    ::close(out[0]), ::close(out[1]);
    return {};
  }
  std::vector<char*> argv;
  for (const std::string& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    // A parent killed with SIGKILL (a batch killed with kill -9) takes its children with it.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(128 + SIGTERM);  // it died before prctl
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    ::execv(argv[0], argv.data());
    const std::string msg = std::string("cannot start ") + argv[0] + ": " + std::strerror(errno);
    (void)!::write(STDERR_FILENO, msg.data(), msg.size());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  if (pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    ::close(out[0]), ::close(err[0]);
    return {};
  }
  Running r;
  r.job = index;
  r.pid = pid;
  r.out = out[0];
  r.err = err[0];
  return r;
}

// Reads what is available; returns false at EOF or error.
bool drain(int fd, std::string& into) {
  char buf[65536];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    into.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  return n < 0 && (errno == EINTR || errno == EAGAIN);
}

// Reads everything buffered in a non-blocking pipe (its writer may live on).
void drain_available(int fd, std::string& into) {
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return;
    }
  }
}

}  // namespace

ChildPool::ChildPool(std::size_t parallel, int idle_ms)
    : parallel_(std::max<std::size_t>(parallel, 1)), idle_ms_(idle_ms) {}

void ChildPool::stop() {
  stopped_ = true;
  for (pid_t pid : running_) ::kill(pid, SIGTERM);
}

void ChildPool::run(const std::vector<ChildJob>& jobs, const ChildCallbacks& cb) {
  std::vector<Running> live;
  std::size_t next = 0;
  auto emit_lines = [&](Running& r, bool final) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = r.out_buffer.find('\n', start)) != std::string::npos;
         start = nl + 1) {
      if (cb.on_line) cb.on_line(r.job, r.out_buffer.substr(start, nl - start));
    }
    r.out_buffer.erase(0, start);
    if (final && !r.out_buffer.empty()) {
      if (cb.on_line) cb.on_line(r.job, r.out_buffer);
      r.out_buffer.clear();
    }
  };
  while (true) {
    while (!stopped_ && live.size() < parallel_ && next < jobs.size()) {
      std::string error;
      Running r = start(next, jobs[next], error);
      if (r.pid < 0) {
        ChildExit e;
        e.started = false;
        e.stderr_tail = error;
        if (cb.on_exit) cb.on_exit(next, e);
      } else {
        running_.push_back(r.pid);
        live.push_back(std::move(r));
      }
      ++next;
    }
    if (live.empty()) break;

    std::vector<pollfd> fds;
    for (const Running& r : live) {
      if (r.out >= 0) fds.push_back({r.out, POLLIN, 0});
      if (r.err >= 0) fds.push_back({r.err, POLLIN, 0});
    }
    if (!fds.empty()) {
      const int n = ::poll(fds.data(), fds.size(), idle_ms_);
      if (n < 0 && errno != EINTR)
        throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    } else {
      ::usleep(static_cast<useconds_t>(idle_ms_) * 1000);
    }
    for (const pollfd& p : fds) {
      if ((p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      for (Running& r : live) {
        if (p.fd == r.out) {
          if (!drain(r.out, r.out_buffer)) close_fd(r.out);
          emit_lines(r, false);
        } else if (p.fd == r.err) {
          if (!drain(r.err, r.err_tail)) close_fd(r.err);
          if (r.err_tail.size() > 2 * kStderrTailBytes)
            r.err_tail.erase(0, r.err_tail.size() - kStderrTailBytes);
        }
      }
    }
    // Reap children that exited. A child is done when both pipes reached EOF, or when it
    // exited while something it started (a grandchild) still holds them: then what is
    // buffered is read and the pipes are closed.
    for (auto it = live.begin(); it != live.end();) {
      int status = 0;
      pid_t reaped = 0;
      if (it->out >= 0 || it->err >= 0) {
        reaped = ::waitpid(it->pid, &status, WNOHANG);
        if (reaped != it->pid) {
          ++it;
          continue;
        }
        for (int* fd : {&it->out, &it->err}) {
          if (*fd < 0) continue;
          drain_available(*fd, fd == &it->out ? it->out_buffer : it->err_tail);
          close_fd(*fd);
        }
      } else {
        while (::waitpid(it->pid, &status, 0) < 0 && errno == EINTR) {
        }
      }
      emit_lines(*it, true);
      ChildExit e;
      if (WIFEXITED(status)) e.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
      e.stderr_tail = it->err_tail.size() > kStderrTailBytes
                          ? it->err_tail.substr(it->err_tail.size() - kStderrTailBytes)
                          : it->err_tail;
      std::erase(running_, it->pid);
      const std::size_t job = it->job;
      it = live.erase(it);
      if (cb.on_exit) cb.on_exit(job, e);
    }
    if (cb.on_idle) cb.on_idle();
  }
}

}  // namespace discolab::compare

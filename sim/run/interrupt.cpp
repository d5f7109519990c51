#include "sim/run/interrupt.h"

#include <unistd.h>

#include <cstring>
#include <string>

namespace discolab {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_stop_signal(int signal) {
  if (g_signal != 0) ::_exit(128 + signal);  // asked twice: stop now
  g_signal = signal;
}

void install(int signal, struct sigaction* old) {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(signal, &action, old);
}

}  // namespace

Interrupted::Interrupted(int signal, std::filesystem::path partial)
    : std::runtime_error(std::string("interrupted by ") +
                         (signal == SIGINT    ? "SIGINT"
                          : signal == SIGTERM ? "SIGTERM"
                                              : "signal " + std::to_string(signal))),
      signal_(signal),
      partial_(std::move(partial)) {}

InterruptWatch::InterruptWatch() {
  g_signal = 0;
  install(SIGINT, &old_int_);
  install(SIGTERM, &old_term_);
}

InterruptWatch::~InterruptWatch() {
  ::sigaction(SIGINT, &old_int_, nullptr);
  ::sigaction(SIGTERM, &old_term_, nullptr);
}

void InterruptWatch::rearm() {
  install(SIGINT, nullptr);
  install(SIGTERM, nullptr);
}

int InterruptWatch::pending() { return g_signal; }

void InterruptWatch::check(const std::filesystem::path& partial) {
  if (g_signal != 0) throw Interrupted(g_signal, partial);
}

}  // namespace discolab

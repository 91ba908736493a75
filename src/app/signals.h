#pragma once
// SIGINT and SIGTERM: a request to stop, not an abrupt end. While a
// SignalGuard lives, either signal raises the cancel flag the simulation
// polls between blocks of runs (RunOptions::cancel); the command then stops
// with InterruptedError and exits 130 (SIGINT) or 143 (SIGTERM) without
// touching the --out folder. A second signal of the same kind gets the
// default action (SA_RESETHAND): Ctrl-C twice always ends the process.
#include <signal.h>

#include <atomic>

namespace simroi::app {

/// Installs the handlers; the destructor restores the previous ones.
class SignalGuard {
 public:
  SignalGuard();
  ~SignalGuard();
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

/// Raised by a handled SIGINT or SIGTERM (never lowered).
[[nodiscard]] const std::atomic<bool>& cancel_requested() noexcept;

/// 130 after SIGINT, 143 after SIGTERM (128 + the signal number).
[[nodiscard]] int interrupted_exit_code() noexcept;

}  // namespace simroi::app

// SIGINT / SIGTERM as a cancel request (src/app/signals.h).
#include "app/signals.h"

#include <csignal>

#include "simroi/core/error.h"

namespace simroi::app {

namespace {

constexpr int kExitTerminated = 143;  // 128 + SIGTERM

std::atomic<bool> g_cancel{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal_number) {
  g_signal = signal_number;
  g_cancel.store(true);
}

}  // namespace

SignalGuard::SignalGuard() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

SignalGuard::~SignalGuard() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

const std::atomic<bool>& cancel_requested() noexcept {
  return g_cancel;
}

int interrupted_exit_code() noexcept {
  return g_signal == SIGTERM ? kExitTerminated : static_cast<int>(kExitInterrupted);
}

}  // namespace simroi::app

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/runtime.h"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <csignal>
#include <exception>

namespace mdev {

struct Runtime::StopSignals {
  asio::signal_set set;
};

Runtime::Runtime(ProcessLimits limits)
    : io_(std::make_unique<asio::io_context>(1)),
      children_(limits),
      stopping_(io_->get_executor()) {}

// The signal set and the stop event belong to the loop's services: they go first.
Runtime::~Runtime() {
  stop_signals_.reset();
}

asio::any_io_executor Runtime::executor() const {
  return io_->get_executor();
}

void Runtime::hear_stop_signals(SecondStopSignal second,
                                std::function<void(std::string_view)> heard) {
  stop_signals_.reset(new StopSignals{asio::signal_set(*io_, SIGTERM, SIGINT)});
  stop_signals_->set.async_wait(
      [this, second, heard = std::move(heard)](std::error_code error, int signal) {
        if (error) return;
        stopping_.set();
        if (heard) heard(signal == SIGINT ? "SIGINT" : "SIGTERM");
        // kEndsProcess: no longer handled, so the next one has its default effect.
        // kIgnored: still in the set, with nobody waiting: it is swallowed.
        std::error_code ignored;
        if (second == SecondStopSignal::kEndsProcess) stop_signals_->set.clear(ignored);
      });
}

std::string Runtime::run(asio::awaitable<std::string> command) {
  std::exception_ptr failure;
  std::string output;
  asio::co_spawn(*io_, std::move(command), [&](std::exception_ptr e, std::string result) {
    failure = e;
    output = std::move(result);
    // Whatever the outcome, nothing may keep the loop waiting.
    std::error_code ignored;
    if (stop_signals_) stop_signals_->set.cancel(ignored);
  });
  io_->restart();
  io_->run();
  if (failure) std::rethrow_exception(failure);
  return output;
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// What a session runs on, made first and gone last: the event loop, the
// worker threads, the child processes, and the one `stopping` event that
// SIGTERM and SIGINT set, for the one-shot commands and the monitor alike.
// Time is async::Clock: the steady clock, or a test's ManualTime.
//
// Its end: the loop has run every coroutine to its end; worker threads are
// not joined (one may be stuck in a driver: see io/worker_threads.h), and a
// call queued there and given up on never starts.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "async/event.h"
#include "io/child_process.h"
#include "io/worker_threads.h"

namespace asio {
class io_context;
}  // namespace asio

namespace mdev {

// What a second SIGTERM or SIGINT does once the first has set `stopping`.
enum class SecondStopSignal {
  kEndsProcess,  // the one-shot commands: the default action, as always
  kIgnored,      // the monitor: its grace period and post deadlines bound the end
};

class Runtime {
 public:
  explicit Runtime(ProcessLimits limits = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  asio::any_io_executor executor() const;
  WorkerThreads& workers() { return workers_; }
  ChildProcesses& children() { return children_; }
  // Set once mdevctl is stopping: no pipeline starts from then on; those
  // whose pre ran still get their post.
  async::Event& stopping() { return stopping_; }
  bool is_stopping() const { return stopping_.is_set(); }

  // From now until run() returns, SIGTERM and SIGINT set stopping() (the
  // first one; `heard` gets its name, "SIGTERM" or "SIGINT").
  void hear_stop_signals(SecondStopSignal second, std::function<void(std::string_view)> heard);

  // Runs `command` to its end and returns its stdout text; its exception
  // propagates. Stops hearing the stop signals before it returns.
  std::string run(asio::awaitable<std::string> command);

 private:
  std::unique_ptr<asio::io_context> io_;  // first: the members below wait on it
  WorkerThreads workers_;
  ChildProcesses children_;
  async::Event stopping_;
  struct StopSignals;  // an asio::signal_set
  std::unique_ptr<StopSignals> stop_signals_;
};

}  // namespace mdev

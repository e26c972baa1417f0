// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mdev {

struct ProcessLimits {
  std::chrono::milliseconds timeout{30000};
  // After SIGTERM to the process group, how long before SIGKILL.
  std::chrono::milliseconds kill_grace{1000};
  // After the child exits, how long to keep reading pipes a grandchild may hold.
  std::chrono::milliseconds linger{200};
  size_t output_cap = 1 << 20;  // per stream
};

struct ProcessResult {
  bool started = false;  // false: exec failed (see `error`)
  bool timed_out = false;
  int exit_status = -1;  // when it exited
  int signal = 0;        // when a signal ended it
  std::string out, err;
  bool out_truncated = false, err_truncated = false;
  std::string error;

  bool succeeded() const { return started && !timed_out && signal == 0 && exit_status == 0; }
  std::string describe() const;  // "exit status 1", "killed by signal 9", ...
};

// A call-out that closes its stdin early must not kill mdevctl with SIGPIPE:
// once per process, before any child runs.
void ignore_broken_pipes();

// The children one mdevctl process runs (call-outs, notifiers), under its
// limits. Each child runs in its own process group, gets `input` on stdin,
// has stdout and stderr captured up to the cap, and its exit observed
// through a pidfd on the executor; on timeout the whole group gets SIGTERM,
// then SIGKILL. Used on the event loop's thread only.
class ChildProcesses {
 public:
  // Opens the descriptor a child's exit is awaited on: pidfd_open(2), or in
  // tests one that fails as the kernel may (ENOSYS, EMFILE). -1 and errno on
  // failure.
  using ExitWatchOpener = int (*)(int pid);
  static int open_pidfd(int pid);

  explicit ChildProcesses(ProcessLimits limits, ExitWatchOpener open_exit_watch = open_pidfd)
      : limits_(limits), open_exit_watch_(open_exit_watch) {}
  ChildProcesses(const ChildProcesses&) = delete;
  ChildProcesses& operator=(const ChildProcesses&) = delete;

  const ProcessLimits& limits() const { return limits_; }

  // argv[0] is a path; no shell. Never throws for the child's failures.
  asio::awaitable<ProcessResult> run(std::vector<std::string> argv, std::string input);

  // Shutting down (the monitor, after its grace period): the process group
  // of every child running now is killed, and children started from then on
  // (the post call-outs of pipelines whose pre succeeded, which must still
  // run, and notifiers) get at most `cap` each.
  void stop_all(std::chrono::milliseconds cap);
  // Children run under the usual limits again.
  void lift_cap() { cap_.reset(); }

 private:
  ProcessLimits limits_;
  ExitWatchOpener open_exit_watch_;
  std::optional<std::chrono::milliseconds> cap_;
  std::set<int> running_groups_;
};

}  // namespace mdev

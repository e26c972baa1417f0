// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <cerrno>
#include <memory>

#include "async/event.h"
#include "async/no_throw.h"
#include "io/file_util.h"

extern char** environ;

namespace mdev {
namespace {

using asio::posix::stream_descriptor;
using async::kNoThrow;

struct Pipe {
  int read = -1, write = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
  void close_both() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
};

// One output stream of a child, drained into a string until EOF or close.
// Shared with its drain coroutine, which may outlive run() when a grandchild
// keeps the pipe open.
struct Output {
  Output(asio::any_io_executor ex, int fd, size_t cap) : stream(ex, fd), cap(cap), finished(ex) {}
  stream_descriptor stream;
  size_t cap;
  std::string sink;
  bool truncated = false;
  async::Event finished;
  // Small: many children may run at once, and call-outs say little.
  std::array<char, 4096> buffer;
};

asio::awaitable<void> drain(std::shared_ptr<Output> output) {
  for (;;) {
    auto [ec, n] = co_await output->stream.async_read_some(asio::buffer(output->buffer), kNoThrow);
    if (ec) break;
    size_t room = output->sink.size() < output->cap ? output->cap - output->sink.size() : 0;
    // Read on past the cap, so that the child never blocks on a full pipe.
    if (n > room) output->truncated = true;
    output->sink.append(output->buffer.data(), std::min(n, room));
  }
  output->finished.set();
}

// stdin: a script may close it early or never read it; neither is an error.
asio::awaitable<void> feed(std::shared_ptr<stream_descriptor> input, std::string data) {
  co_await asio::async_write(*input, asio::buffer(data), kNoThrow);
  std::error_code ignored;
  input->close(ignored);
}

asio::awaitable<void> reap(std::shared_ptr<stream_descriptor> exit_watch, async::Event exited) {
  co_await exit_watch->async_wait(stream_descriptor::wait_read, kNoThrow);
  exited.set();
}

void start(asio::any_io_executor ex, asio::awaitable<void> work) {
  asio::co_spawn(ex, std::move(work), asio::detached);
}

// A child started in a process group of its own, with pipes for its
// standard streams and a pidfd for its exit; or why it could not be.
struct Spawned {
  pid_t pid = -1;
  int pidfd = -1, in = -1, out = -1, err = -1;  // ours: the child has the other ends
  std::string error;
};

Spawned spawn(std::vector<std::string>& argv, ChildProcesses::ExitWatchOpener open_exit_watch) {
  Spawned child;
  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) {
    child.error = errno_text(errno);
    in.close_both(), out.close_both(), err.close_both();
    return child;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  posix_spawnattr_t attrs;
  posix_spawnattr_init(&attrs);
  // Its own process group, so that a timeout reaches whatever it started.
  posix_spawnattr_setpgroup(&attrs, 0);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attrs, &defaults);
  // Scripts start with no signal blocked, whatever mdevctl holds back.
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attrs, &none);
  posix_spawnattr_setflags(&attrs,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  int rc = posix_spawn(&child.pid, args[0], &actions, &attrs, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attrs);
  ::close(in.read), ::close(out.write), ::close(err.write);
  if (rc != 0) {
    child.error = errno_text(rc);
    ::close(in.write), ::close(out.read), ::close(err.read);
    return child;
  }
  // Its exit is awaited on the loop through a pidfd (Linux 5.3). Without one
  // (ENOSYS on an old kernel, EMFILE when out of descriptors) the child
  // cannot be watched: stop it at once and say why.
  child.pidfd = open_exit_watch(child.pid);
  if (child.pidfd < 0) {
    int failure = errno;
    ::kill(-child.pid, SIGKILL);
    ::waitpid(child.pid, nullptr, 0);
    ::close(in.write), ::close(out.read), ::close(err.read);
    child.error = "cannot watch its exit (pidfd_open: " + errno_text(failure) + ")";
    return child;
  }
  child.in = in.write, child.out = out.read, child.err = err.read;
  return child;
}

// Past its deadline: SIGTERM to the group, SIGKILL after `grace`.
asio::awaitable<void> stop_group(pid_t pid, async::Event& exited, std::chrono::milliseconds grace) {
  ::kill(-pid, SIGTERM);
  bool ended = co_await exited.wait_for(grace);
  if (!ended) {
    ::kill(-pid, SIGKILL);
    co_await exited.wait_for(async::Clock::duration::max());
  }
}

// Reaps the exited child and notes how it ended.
void record_exit(int pidfd, ProcessResult& result) {
  siginfo_t info{};
  ::waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED);
  if (info.si_code == CLD_EXITED) {
    result.exit_status = info.si_status;
  } else {
    result.signal = info.si_status;
  }
}

// A grandchild may still hold the pipes: read on for a moment, then let go.
asio::awaitable<void> collect(Output& out, Output& err, std::chrono::milliseconds linger) {
  auto give_up = async::Clock::now() + linger;
  for (Output* output : {&out, &err}) {
    auto left = std::max(give_up - async::Clock::now(), async::Clock::duration::zero());
    co_await output->finished.wait_for(left);
  }
  std::error_code ignored;
  out.stream.close(ignored);
  err.stream.close(ignored);
}

}  // namespace

int ChildProcesses::open_pidfd(int pid) {
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

void ChildProcesses::stop_all(std::chrono::milliseconds cap) {
  cap_ = cap;
  for (pid_t group : running_groups_) ::kill(-group, SIGKILL);
}

void ignore_broken_pipes() {
  ::signal(SIGPIPE, SIG_IGN);
}

std::string ProcessResult::describe() const {
  if (!started) return "could not be run: " + error;
  if (timed_out) return "timed out";
  if (signal) return "killed by signal " + std::to_string(signal);
  return "exit status " + std::to_string(exit_status);
}

asio::awaitable<ProcessResult> ChildProcesses::run(std::vector<std::string> argv,
                                                   std::string input) {
  auto ex = co_await asio::this_coro::executor;
  ProcessResult result;
  ProcessLimits limits = limits_;
  if (cap_) limits.timeout = std::min(limits.timeout, *cap_);
  Spawned child = spawn(argv, open_exit_watch_);
  if (!child.error.empty()) {
    result.error = std::move(child.error);
    co_return result;
  }
  result.started = true;
  running_groups_.insert(child.pid);

  // Four coroutines: the exit, the two outputs and stdin; run() waits for
  // the exit against the deadline, then gives the outputs a moment.
  auto exit_watch = std::make_shared<stream_descriptor>(ex, child.pidfd);
  async::Event exited(ex);
  auto out = std::make_shared<Output>(ex, child.out, limits.output_cap);
  auto err = std::make_shared<Output>(ex, child.err, limits.output_cap);
  start(ex, reap(exit_watch, exited));
  start(ex, drain(out));
  start(ex, drain(err));
  start(ex, feed(std::make_shared<stream_descriptor>(ex, child.in), std::move(input)));

  result.timed_out = !co_await exited.wait_for(limits.timeout);
  if (result.timed_out) co_await stop_group(child.pid, exited, limits.kill_grace);
  // Whatever it left running in its group (`sleep &`) goes with it. Until
  // the zombie leader is reaped, its pid cannot name another group.
  ::kill(-child.pid, SIGKILL);
  running_groups_.erase(child.pid);
  record_exit(exit_watch->native_handle(), result);

  co_await collect(*out, *err, limits.linger);
  result.out = std::move(out->sink);
  result.err = std::move(err->sink);
  result.out_truncated = out->truncated;
  result.err_truncated = err->truncated;
  co_return result;
}

}  // namespace mdev

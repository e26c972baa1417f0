#include "io/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <asio/experimental/as_tuple.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <cerrno>
#include <memory>
#include <set>

#include "io/file_util.h"

extern char** environ;

namespace mdev {
namespace {

using asio::posix::stream_descriptor;
constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

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

// One output stream, drained into a string by callbacks until EOF or close.
// Shared with its handlers, which may run after the coroutine has moved on.
struct Drain : std::enable_shared_from_this<Drain> {
  stream_descriptor stream;
  size_t cap;
  std::string sink;
  bool truncated = false;
  bool done = false;
  asio::steady_timer* wake = nullptr;  // cancelled when this drain finishes
  // Small: many children may run at once, and call-outs say little.
  std::array<char, 4096> buffer;

  Drain(asio::any_io_executor ex, int fd, size_t cap) : stream(ex, fd), cap(cap) {}

  void start() {
    stream.async_read_some(
        asio::buffer(buffer),
        [self = shared_from_this()](std::error_code ec, size_t n) { self->on_read(ec, n); });
  }
  void on_read(std::error_code ec, size_t n) {
    if (ec) {
      done = true;
      if (wake) wake->cancel();
      return;
    }
    size_t room = sink.size() < cap ? cap - sink.size() : 0;
    if (n > room) truncated = true;  // keep reading so the child never blocks on a full pipe
    sink.append(buffer.data(), std::min(n, room));
    start();
  }
};

int pidfd_open(pid_t pid) {
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

// The process groups of the children running now, and whether new ones may
// start. Touched only on the event loop's thread, where children are run.
std::set<pid_t>& running_groups() {
  static std::set<pid_t> groups;
  return groups;
}
std::optional<std::chrono::milliseconds> timeout_cap;

}  // namespace

void cap_child_timeouts(std::optional<std::chrono::milliseconds> cap) {
  timeout_cap = cap;
}

void kill_running_children() {
  for (pid_t group : running_groups()) ::kill(-group, SIGKILL);
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

asio::awaitable<ProcessResult> run_process(std::vector<std::string> argv, std::string input,
                                           ProcessLimits limits) {
  auto ex = co_await asio::this_coro::executor;
  ProcessResult result;
  if (timeout_cap) limits.timeout = std::min(limits.timeout, *timeout_cap);
  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) {
    result.error = errno_text(errno);
    in.close_both(), out.close_both(), err.close_both();
    co_return result;
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
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, &attrs, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attrs);
  ::close(in.read), ::close(out.write), ::close(err.write);
  if (rc != 0) {
    result.error = errno_text(rc);
    ::close(in.write), ::close(out.read), ::close(err.read);
    co_return result;
  }
  // Its exit is awaited on the loop through a pidfd (Linux 5.3). Without one
  // (ENOSYS on an old kernel, EMFILE when out of descriptors) the child
  // cannot be watched: stop it at once and say why.
  int pidfd = pidfd_open(pid);
  if (pidfd < 0) {
    int failure = errno;
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    ::close(in.write), ::close(out.read), ::close(err.read);
    result.error = "cannot watch its exit (pidfd_open: " + errno_text(failure) + ")";
    co_return result;
  }
  result.started = true;
  running_groups().insert(pid);

  stream_descriptor exit_watch(ex, pidfd);
  auto out_drain = std::make_shared<Drain>(ex, out.read, limits.output_cap);
  auto err_drain = std::make_shared<Drain>(ex, err.read, limits.output_cap);
  out_drain->start();
  err_drain->start();
  // stdin: a script may close it early or never read it; neither is an error.
  auto feeder = std::make_shared<stream_descriptor>(ex, in.write);
  auto data = std::make_shared<std::string>(std::move(input));
  asio::async_write(*feeder, asio::buffer(*data), [feeder, data](std::error_code, size_t) {
    std::error_code ignored;
    feeder->close(ignored);
  });

  // Wait for the exit, or the deadline; then TERM, grace, KILL the group.
  asio::steady_timer deadline(ex, limits.timeout);
  bool exited = false;
  exit_watch.async_wait(stream_descriptor::wait_read, [&](std::error_code) {
    exited = true;
    deadline.cancel();
  });
  co_await deadline.async_wait(kNoThrow);
  if (!exited) {
    result.timed_out = true;
    ::kill(-pid, SIGTERM);
    deadline.expires_after(limits.kill_grace);
    co_await deadline.async_wait(kNoThrow);
    if (!exited) {
      ::kill(-pid, SIGKILL);
      deadline.expires_at(asio::steady_timer::time_point::max());
      co_await deadline.async_wait(kNoThrow);
    }
  }
  // Whatever it left running in its group (`sleep &`) goes with it. Until
  // the zombie leader is reaped, its pid cannot name another group.
  ::kill(-pid, SIGKILL);
  running_groups().erase(pid);
  siginfo_t info{};
  ::waitid(P_PIDFD, static_cast<id_t>(exit_watch.native_handle()), &info, WEXITED);
  if (info.si_code == CLD_EXITED) {
    result.exit_status = info.si_status;
  } else {
    result.signal = info.si_status;
  }

  // A grandchild may still hold the pipes: read on for a moment, then let go.
  if (!out_drain->done || !err_drain->done) {
    asio::steady_timer linger(ex, limits.linger);
    out_drain->wake = err_drain->wake = &linger;
    while ((!out_drain->done || !err_drain->done) &&
           std::chrono::steady_clock::now() < linger.expiry()) {
      co_await linger.async_wait(kNoThrow);
    }
    out_drain->wake = err_drain->wake = nullptr;
  }
  std::error_code ignored;
  out_drain->stream.close(ignored);
  err_drain->stream.close(ignored);
  result.out = std::move(out_drain->sink);
  result.err = std::move(err_drain->sink);
  result.out_truncated = out_drain->truncated;
  result.err_truncated = err_drain->truncated;
  co_return result;
}

}  // namespace mdev

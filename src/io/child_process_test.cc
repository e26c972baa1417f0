// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/child_process.h"

#include <signal.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <cerrno>
#include <chrono>
#include <optional>

#include "async/async_test_support.h"
#include "async/event.h"
#include "support/catch.h"
#include "support/file_written.h"
#include "support/process_state.h"
#include "support/temp_dir.h"

using namespace mdev;
using namespace std::chrono_literals;

namespace {

ProcessResult run_child(ChildProcesses& children, std::vector<std::string> argv,
                        std::string input = "") {
  ProcessResult result;
  async::testing::run([&](auto) -> asio::awaitable<void> {
    result = co_await children.run(std::move(argv), std::move(input));
  });
  return result;
}

std::vector<std::string> shell(const std::string& script) {
  return {"/bin/sh", "-c", script};
}

}  // namespace

TEST_CASE("ChildProcesses: a child gets its input and its output and exit status come back") {
  ignore_broken_pipes();
  ChildProcesses children{ProcessLimits{}};
  auto result =
      run_child(children, shell("read line; echo \"got $line\"; echo oops >&2; exit 3"), "hello\n");
  CHECK(result.started);
  CHECK(result.exit_status == 3);
  CHECK(result.out == "got hello\n");
  CHECK(result.err == "oops\n");
  CHECK_FALSE(result.succeeded());
  CHECK(result.describe() == "exit status 3");
}

TEST_CASE("ChildProcesses: a program that cannot be run is a result - not an exception") {
  ChildProcesses children{ProcessLimits{}};
  auto result = run_child(children, {"/nonexistent/script", "-e", "pre"});
  CHECK_FALSE(result.started);
  CHECK_THAT(result.error, match::Contains("No such file or directory"));
  CHECK_FALSE(result.succeeded());
}

TEST_CASE("ChildProcesses: past its timeout on the clock the whole process group is killed") {
  async::ManualTime time;
  TempDir tmp;
  ProcessLimits limits;
  limits.timeout = 30s;
  limits.kill_grace = 1s;
  limits.linger = 200ms;
  ChildProcesses children{limits};
  // The script ignores SIGTERM; its own child (same group) sleeps on.
  const std::string pid_file = (tmp.path / "grandchild").string();
  std::optional<ProcessResult> result;
  async::testing::run([&](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::Event ended(ex);
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> {
          result = co_await children.run(shell("trap '' TERM; sleep 60 & echo $! > " + pid_file +
                                               "; while :; do sleep 1; done"),
                                         "");
          ended.set();
        },
        asio::detached);
    CHECK(co_await file_written(tmp, "grandchild"));
    co_await async::testing::advance(limits.timeout - 1ms);
    CHECK_FALSE(result);                    // not a moment early
    co_await async::testing::advance(1ms);  // SIGTERM to the group: ignored
    co_await async::testing::advance(limits.kill_grace - 1ms);
    CHECK_FALSE(result);                    // the grace is given in full
    co_await async::testing::advance(1ms);  // SIGKILL
    co_await ended.wait();
  });
  REQUIRE(result);
  CHECK(result->started);
  CHECK(result->timed_out);
  CHECK(result->signal == SIGKILL);
  std::string grandchild = tmp.read("grandchild");
  grandchild.erase(grandchild.find_last_not_of('\n') + 1);
  REQUIRE_FALSE(grandchild.empty());
  CHECK(process_ended(grandchild));
}

TEST_CASE("ChildProcesses: a child whose exit cannot be watched is stopped - and says why") {
  static pid_t refused = 0;
  ChildProcesses children{ProcessLimits{}, [](int pid) {
                            refused = pid;
                            errno = EMFILE;
                            return -1;
                          }};
  auto result = run_child(children, shell("sleep 60"));
  CHECK_FALSE(result.started);
  CHECK(result.error == "cannot watch its exit (pidfd_open: Too many open files)");
  CHECK(result.describe() == "could not be run: " + result.error);
  REQUIRE(refused > 0);
  CHECK(process_ended(std::to_string(refused)));  // killed and reaped, not left behind
}

TEST_CASE("ChildProcesses: a child that closes stdin early is neither an error nor SIGPIPE") {
  ignore_broken_pipes();
  ChildProcesses children{ProcessLimits{}};
  // Far more than a pipe holds, so the write is still going when the child exits.
  std::string input(4 << 20, 'x');
  auto result = run_child(children, shell("exec 0<&-; echo closed"), input);
  CHECK(result.started);
  CHECK(result.exit_status == 0);
  CHECK(result.out == "closed\n");
}

TEST_CASE("ChildProcesses: output past the cap is cut - the child still runs to its end") {
  ProcessLimits limits;
  limits.output_cap = 1000;
  ChildProcesses children{limits};
  auto result = run_child(children, shell("head -c 100000 /dev/zero; echo done >&2"));
  CHECK(result.exit_status == 0);
  CHECK(result.out.size() == 1000);
  CHECK(result.out_truncated);
  CHECK(result.err == "done\n");
}

TEST_CASE("ChildProcesses: stop_all kills the running children and caps later ones") {
  async::ManualTime time;
  TempDir tmp;
  ChildProcesses children{ProcessLimits{}};
  std::optional<ProcessResult> first, later;
  async::testing::run([&](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::Event first_ended(ex), later_ended(ex);
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> {
          first = co_await children.run(
              shell("echo up > " + (tmp.path / "up").string() + "; sleep 60"), "");
          first_ended.set();
        },
        asio::detached);
    CHECK(co_await file_written(tmp, "up"));
    children.stop_all(100ms);
    co_await first_ended.wait();  // killed at once, not after its 30 s
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> {
          later = co_await children.run(shell("sleep 60"), "");
          later_ended.set();
        },
        asio::detached);
    co_await async::testing::advance(99ms);
    CHECK_FALSE(later);
    co_await async::testing::advance(1ms);  // the cap, not its 30 s: SIGTERM
    co_await later_ended.wait();
  });
  REQUIRE(first);
  CHECK(first->signal == SIGKILL);
  CHECK_FALSE(first->timed_out);
  REQUIRE(later);
  CHECK(later->timed_out);
  CHECK(later->signal == SIGTERM);
}

#include "io/child_process.h"

#include <signal.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>

#include "async/async_test_support.h"
#include "support/catch.h"
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

TEST_CASE("ChildProcesses: past its timeout the whole process group is killed") {
  TempDir tmp;
  ProcessLimits limits;
  limits.timeout = 200ms;
  limits.kill_grace = 100ms;
  limits.linger = 50ms;
  ChildProcesses children{limits};
  // The script ignores SIGTERM; its own child (same group) sleeps on.
  const std::string pid_file = (tmp.path / "grandchild").string();
  auto started = std::chrono::steady_clock::now();
  auto result = run_child(children, shell("trap '' TERM; sleep 60 & echo $! > " + pid_file +
                                          "; while :; do sleep 1; done"));
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(result.started);
  CHECK(result.timed_out);
  CHECK(result.signal == SIGKILL);
  CHECK(took >= 300ms);  // timeout, then the grace SIGTERM had
  CHECK(took < 5s);
  std::string grandchild = tmp.read("grandchild");
  grandchild.erase(grandchild.find_last_not_of('\n') + 1);
  REQUIRE_FALSE(grandchild.empty());
  CHECK(process_ended(grandchild));
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
  ChildProcesses children{ProcessLimits{}};
  ProcessResult first, later;
  async::testing::run([&](asio::any_io_executor ex) -> asio::awaitable<void> {
    asio::steady_timer soon(ex, 100ms);
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> { first = co_await children.run(shell("sleep 60"), ""); },
        asio::detached);
    co_await soon.async_wait(asio::use_awaitable);
    children.stop_all(100ms);
    later = co_await children.run(shell("sleep 60"), "");
    // Let the first one's coroutine see its end.
    asio::steady_timer settle(ex, 300ms);
    co_await settle.async_wait(asio::use_awaitable);
  });
  CHECK(first.signal == SIGKILL);
  CHECK(later.timed_out);
}

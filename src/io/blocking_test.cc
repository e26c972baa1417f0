#include "io/blocking.h"

#include <chrono>
#include <thread>

#include "async/async_test_support.h"
#include "model/error.h"
#include "support/catch.h"

using namespace mdev;
using namespace std::chrono_literals;

TEST_CASE("run_on_io_threads: gives up at the deadline and names what hung") {
  auto started = std::chrono::steady_clock::now();
  std::string message;
  async::testing::run([&](auto) -> asio::awaitable<void> {
    std::function<void()> stuck = [] { std::this_thread::sleep_for(2s); };
    try {
      co_await run_on_io_threads(stuck, 100ms, "writing create");
    } catch (const Error& e) {
      message = e.what();
    }
  });
  CHECK(message == "writing create did not finish within 0.100 s");
  CHECK(std::chrono::steady_clock::now() - started < 1500ms);
}

TEST_CASE("run_on_io_threads: a call that returns in time passes on its result") {
  int calls = 0;
  std::string message;
  async::testing::run([&](auto) -> asio::awaitable<void> {
    std::function<void()> quick = [&calls] { ++calls; };
    co_await run_on_io_threads(quick, 5s, "quick");
    std::function<void()> failing = [] { throw Error("refused by the kernel"); };
    try {
      co_await run_on_io_threads(failing, 5s, "failing");
    } catch (const Error& e) {
      message = e.what();
    }
  });
  CHECK(calls == 1);
  CHECK(message == "refused by the kernel");
}

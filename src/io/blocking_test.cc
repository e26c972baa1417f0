// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/blocking.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

#include "async/async_test_support.h"
#include "io/worker_threads.h"
#include "model/error.h"
#include "support/catch.h"
#include "support/gate.h"

using namespace mdev;
using namespace std::chrono_literals;

namespace {

// Starts the call beside the test's coroutine; `message` gets its error
// text, or "" when it returned.
void start_call(asio::any_io_executor executor, WorkerThreads& workers, std::function<void()> call,
                std::chrono::milliseconds limit, std::optional<std::string>& message) {
  asio::co_spawn(
      executor,
      [&workers, call = std::move(call), limit, &message]() -> asio::awaitable<void> {
        try {
          co_await run_on_io_threads(workers, call, limit, "writing create");
          message = "";
        } catch (const Error& e) {
          message = e.what();
        }
      },
      asio::detached);
}

}  // namespace

TEST_CASE("run_on_io_threads: gives up at the deadline on the clock and names what hung") {
  async::ManualTime time;
  WorkerThreads workers;
  auto gate = std::make_shared<Gate>();
  std::optional<std::string> message;
  async::testing::run([&](asio::any_io_executor executor) -> asio::awaitable<void> {
    start_call(
        executor, workers, [gate] { gate->wait(); }, 100ms, message);
    REQUIRE(gate->until_waiting(1));
    co_await async::testing::advance(99ms);
    CHECK_FALSE(message);  // still waiting: the clock has not reached the deadline
    co_await async::testing::advance(1ms);
    CHECK(message == "writing create did not finish within 0.100 s");
    gate->release();  // the call ends later; nobody listens any more
  });
}

TEST_CASE("run_on_io_threads: a call that returns in time passes on its result") {
  WorkerThreads workers;
  int calls = 0;
  std::string message;
  async::testing::run([&](auto) -> asio::awaitable<void> {
    co_await run_on_io_threads(
        workers, [&calls] { ++calls; }, 5s, "quick");
    try {
      co_await run_on_io_threads(
          workers, [] { throw Error("refused by the kernel"); }, 5s, "failing");
    } catch (const Error& e) {
      message = e.what();
    }
  });
  CHECK(calls == 1);
  CHECK(message == "refused by the kernel");
}

TEST_CASE("run_on_io_threads: a call still queued when its caller gave up never starts") {
  async::ManualTime time;
  WorkerThreads workers;
  auto gate = std::make_shared<Gate>();
  auto written = std::make_shared<std::atomic<bool>>(false);
  const size_t threads = WorkerThreads::limit();
  // Every worker thread busy with a call held at the gate.
  for (size_t i = 0; i < threads; ++i) workers.post([gate] { gate->wait(); });
  REQUIRE(gate->until_waiting(threads));
  std::optional<std::string> message;
  async::testing::run([&](asio::any_io_executor executor) -> asio::awaitable<void> {
    start_call(
        executor, workers, [written] { *written = true; }, 50ms, message);
    co_await async::testing::advance(50ms);
  });
  CHECK(message == "writing create did not finish within 0.050 s");
  gate->release();
  // Queued after the abandoned call: once it has run, every thread is past
  // what came before.
  auto drained = std::make_shared<Gate>();
  workers.post([drained] { drained->release(); });
  CHECK(drained->until_open());
  CHECK_FALSE(*written);
}

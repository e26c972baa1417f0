#include "io/blocking.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "async/async_test_support.h"
#include "io/worker_threads.h"
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

TEST_CASE("run_on_io_threads: a call still queued when its caller gave up never starts") {
  // Shared with the worker threads, which may still be leaving the calls
  // below when the test returns.
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    bool released = false;
    size_t in_drain = 0;
    std::atomic<bool> written{false};
  };
  auto state = std::make_shared<State>();
  const size_t threads = worker_thread_limit();
  // Every worker thread busy with a call that waits for `released`.
  for (size_t i = 0; i < threads; ++i) {
    run_on_worker_thread([state] {
      std::unique_lock lock(state->mutex);
      state->changed.wait(lock, [&] { return state->released; });
    });
  }
  std::string message;
  async::testing::run([&](auto) -> asio::awaitable<void> {
    std::function<void()> write = [state] { state->written = true; };
    try {
      co_await run_on_io_threads(write, 50ms, "writing create");
    } catch (const Error& e) {
      message = e.what();
    }
  });
  CHECK(message == "writing create did not finish within 0.050 s");
  {
    std::lock_guard lock(state->mutex);
    state->released = true;
  }
  state->changed.notify_all();
  // Queued after the abandoned call, one per thread, each holding its thread
  // until all are in: then every thread is done with what came before.
  for (size_t i = 0; i < threads; ++i) {
    run_on_worker_thread([state, threads] {
      std::unique_lock lock(state->mutex);
      ++state->in_drain;
      state->changed.notify_all();
      state->changed.wait(lock, [&] { return state->in_drain == threads; });
    });
  }
  {
    std::unique_lock lock(state->mutex);
    CHECK(state->changed.wait_for(lock, 10s, [&] { return state->in_drain == threads; }));
  }
  CHECK_FALSE(state->written);
}

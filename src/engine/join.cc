#include "engine/join.h"

#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace mdev {

namespace {

// One of `limit` workers: takes the next task until none are left.
asio::awaitable<void> work_through(const std::vector<Task>& tasks, size_t& next) {
  while (next < tasks.size()) {
    const Task& task = tasks[next++];
    try {
      co_await task();
    } catch (...) {
    }
  }
}

}  // namespace

asio::awaitable<void> run_concurrently(const std::vector<Task>& tasks, size_t limit) {
  if (tasks.empty()) co_return;
  auto ex = co_await asio::this_coro::executor;
  size_t next = 0;
  size_t running = std::min(std::max<size_t>(limit, 1), tasks.size());
  asio::steady_timer all_done(ex, asio::steady_timer::time_point::max());
  for (size_t i = running; i > 0; --i) {
    asio::co_spawn(ex, work_through(tasks, next), [&](std::exception_ptr) {
      if (--running == 0) all_done.cancel();
    });
  }
  while (running > 0) {
    co_await all_done.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
  }
}

}  // namespace mdev

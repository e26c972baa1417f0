// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/bounded_fan_out.h"

#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/this_coro.hpp>
#include <exception>

#include "async/event.h"

namespace async {
namespace {

// Shared by the workers of one fan-out; lives in the awaiting frame.
struct FanOut {
  const std::vector<Task>& tasks;
  std::vector<std::exception_ptr> failures;
  size_t next = 0;
  size_t running = 0;
  Event all_done;
};

// One of `limit` workers: takes the next task until none are left.
asio::awaitable<void> work_through(FanOut& fan) {
  while (fan.next < fan.tasks.size()) {
    size_t index = fan.next++;
    try {
      co_await fan.tasks[index]();
    } catch (...) {
      fan.failures[index] = std::current_exception();
    }
  }
  if (--fan.running == 0) fan.all_done.set();
}

}  // namespace

asio::awaitable<void> run_bounded(const std::vector<Task>& tasks, size_t limit) {
  if (tasks.empty()) co_return;
  auto executor = co_await asio::this_coro::executor;
  FanOut fan{tasks, std::vector<std::exception_ptr>(tasks.size()), 0, 0, Event(executor)};
  fan.running = std::min(std::max<size_t>(limit, 1), tasks.size());
  for (size_t i = fan.running; i > 0; --i)
    asio::co_spawn(executor, work_through(fan), asio::detached);
  co_await fan.all_done.wait();
  for (auto& failure : fan.failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace async

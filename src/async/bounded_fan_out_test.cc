// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/bounded_fan_out.h"

#include <stdexcept>

#include "async/async_test_support.h"
#include "support/catch.h"

TEST_CASE("A bounded fan-out runs every task - never more than the limit at once") {
  async::testing::run([](asio::any_io_executor) -> asio::awaitable<void> {
    int running = 0, most = 0, done = 0;
    std::vector<async::Task> tasks(20, [&]() -> asio::awaitable<void> {
      most = std::max(most, ++running);
      co_await async::testing::settle(2);
      --running;
      ++done;
    });
    co_await async::run_bounded(tasks, 4);
    CHECK(done == 20);
    CHECK(most == 4);
  });
}

TEST_CASE(
    "A failed task fails the fan-out - after every task has run - first failure in list order") {
  async::testing::run([](asio::any_io_executor) -> asio::awaitable<void> {
    std::vector<async::Task> tasks;
    std::vector<bool> finished(5, false);
    for (int i = 0; i < 5; ++i) {
      tasks.push_back([i, &finished]() -> asio::awaitable<void> {
        // Task 3 fails first in time, task 1 first in the list.
        co_await async::testing::settle(i == 3 ? 1 : 5);
        finished[i] = true;
        if (i % 2) throw std::runtime_error("task " + std::to_string(i));
      });
    }
    std::string failure;
    try {
      co_await async::run_bounded(tasks, 2);
    } catch (const std::runtime_error& e) {
      failure = e.what();
    }
    CHECK(failure == "task 1");
    CHECK(finished == std::vector<bool>(5, true));
  });
}

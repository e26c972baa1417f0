// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/slots.h"

#include <algorithm>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <vector>

#include "async/async_test_support.h"
#include "async/bounded_fan_out.h"
#include "support/catch.h"

TEST_CASE("Slots: never more holders than slots - waiters served in order") {
  int holders = 0, most = 0;
  std::vector<int> order;
  async::testing::run([&](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::Slots slots(ex, 3);
    std::vector<async::Task> tasks;
    for (int i = 0; i < 10; ++i) {
      tasks.push_back([&, i]() -> asio::awaitable<void> {
        co_await slots.take();
        order.push_back(i);
        most = std::max(most, ++holders);
        asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(2));
        co_await timer.async_wait(asio::use_awaitable);
        --holders;
        slots.give_back();
      });
    }
    co_await async::run_bounded(tasks);
  });
  CHECK(most == 3);
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/shared_lookup.h"

#include <stdexcept>
#include <string>

#include "async/async_test_support.h"
#include "async/bounded_fan_out.h"
#include "support/catch.h"

TEST_CASE("Concurrent callers of one key share the first caller's lookup") {
  async::testing::run([](asio::any_io_executor) -> asio::awaitable<void> {
    async::SharedLookup<std::string, int> cache;
    int ran = 0;
    std::vector<int> got(10);
    std::vector<async::Task> tasks;
    for (int i = 0; i < 10; ++i) {
      tasks.push_back([&, i]() -> asio::awaitable<void> {
        std::string key = i % 2 ? "odd" : "even";
        got[i] = co_await cache.get(key, [&, i]() -> asio::awaitable<int> {
          ++ran;
          co_await async::testing::settle(4);  // the others arrive meanwhile
          co_return i % 2 ? 1 : 2;
        });
      });
    }
    co_await async::run_bounded(tasks);
    CHECK(ran == 2);
    CHECK(cache.lookups() == 2);
    CHECK(got == std::vector<int>{2, 1, 2, 1, 2, 1, 2, 1, 2, 1});
  });
}

TEST_CASE("A failed lookup fails every caller of its key") {
  async::testing::run([](asio::any_io_executor) -> asio::awaitable<void> {
    async::SharedLookup<int, int> cache;
    std::vector<std::string> failures;
    std::vector<async::Task> tasks(3, [&]() -> asio::awaitable<void> {
      try {
        co_await cache.get(7, []() -> asio::awaitable<int> {
          co_await async::testing::settle(2);
          throw std::runtime_error("no such script");
        });
      } catch (const std::runtime_error& e) {
        failures.emplace_back(e.what());
      }
    });
    co_await async::run_bounded(tasks);
    CHECK(failures == std::vector<std::string>(3, "no such script"));
  });
}

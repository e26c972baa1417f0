// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/event.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/post.hpp>
#include <optional>

#include "async/async_test_support.h"
#include "async/sleep.h"
#include "support/catch.h"

using namespace std::chrono_literals;

TEST_CASE("Event that stays: every waiter goes on, and a later wait returns at once") {
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::Event done(executor);
    int woken = 0;
    for (int i = 0; i < 3; ++i) {
      asio::co_spawn(
          executor,
          [&]() -> asio::awaitable<void> {
            co_await done.wait();
            ++woken;
          },
          asio::detached);
    }
    co_await async::testing::settle();
    CHECK(woken == 0);
    done.set();
    co_await async::testing::settle();
    CHECK(woken == 3);
    CHECK(done.is_set());
    co_await done.wait();  // stays set
    CHECK(co_await done.wait_for(0s));
  });
}

TEST_CASE("Event that coalesces: many sets before a wait wake it once") {
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::Event wake(executor, async::Event::Mode::kCoalesces);
    int wakes = 0;
    bool done = false;
    asio::co_spawn(
        executor,
        [&]() -> asio::awaitable<void> {
          while (!done) {
            co_await wake.wait();
            ++wakes;
          }
        },
        asio::detached);
    co_await async::testing::settle();
    CHECK(wakes == 0);  // nothing set: it waits
    wake.set();
    wake.set();
    wake.set();
    co_await async::testing::settle();
    CHECK(wakes == 1);
    CHECK_FALSE(wake.is_set());  // taken by the wait
    done = true;
    wake.set();  // a set while it waits wakes it again
    co_await async::testing::settle();
    CHECK(wakes == 2);
  });
}

TEST_CASE("Event: wait_for ends at its deadline on the clock - and a late set harms nothing") {
  async::ManualTime time;
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::Event done(executor);
    std::optional<bool> in_time;
    asio::co_spawn(
        executor, [&]() -> asio::awaitable<void> { in_time = co_await done.wait_for(5s); },
        asio::detached);
    co_await async::testing::advance(4999ms);
    CHECK_FALSE(in_time);
    co_await async::testing::advance(1ms);
    CHECK(in_time == false);
    done.set();
    co_await async::testing::settle();
    CHECK(done.is_set());
  });
}

TEST_CASE("Event: a set within the deadline is seen at once, without the clock moving") {
  async::ManualTime time;
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::Event done(executor);
    asio::post(executor, [done]() mutable { done.set(); });
    const auto started = async::Clock::now();
    CHECK(co_await done.wait_for(10s));
    CHECK(async::Clock::now() == started);
  });
}

TEST_CASE("Event: one waiter's deadline leaves the other waiters waiting") {
  async::ManualTime time;
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::Event done(executor);
    std::optional<bool> short_wait, long_wait;
    asio::co_spawn(
        executor, [&]() -> asio::awaitable<void> { short_wait = co_await done.wait_for(1s); },
        asio::detached);
    asio::co_spawn(
        executor, [&]() -> asio::awaitable<void> { long_wait = co_await done.wait_for(10s); },
        asio::detached);
    co_await async::testing::advance(1s);
    CHECK(short_wait == false);
    CHECK_FALSE(long_wait);
    done.set();
    co_await async::testing::settle();
    CHECK(long_wait == true);
  });
}

TEST_CASE("Event: a wait_for on the losing side of an || ends when the other side wins") {
  using namespace asio::experimental::awaitable_operators;
  async::ManualTime time;
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::Event never(executor);
    std::optional<size_t> winner;
    asio::co_spawn(
        executor,
        [&]() -> asio::awaitable<void> {
          auto result = co_await (never.wait_for(10s) || async::sleep_for(1s));
          winner = result.index();
        },
        asio::detached);
    co_await async::testing::advance(1s);
    CHECK(winner == 1);  // the sleep, at 1 s; the wait let go at once
  });
}

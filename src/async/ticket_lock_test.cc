#include "async/ticket_lock.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <string>
#include <vector>

#include "async/async_test_support.h"
#include "async/bounded_fan_out.h"
#include "async/deadline.h"
#include "support/catch.h"

using namespace std::chrono_literals;

TEST_CASE("AsyncEvent wakes every waiter once set - and stays set") {
  async::testing::run([](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::AsyncEvent event(ex);
    int woken = 0;
    std::vector<async::Task> tasks;
    for (int i = 0; i < 3; ++i) {
      tasks.push_back([&]() -> asio::awaitable<void> {
        co_await event.wait();
        ++woken;
      });
    }
    tasks.push_back([&]() -> asio::awaitable<void> {
      co_await async::sleep_for(1ms);
      CHECK(woken == 0);
      event.set();
      co_return;
    });
    co_await async::run_bounded(tasks);
    CHECK(woken == 3);
    co_await event.wait();  // set: returns at once
  });
}

TEST_CASE("TicketLock serves tickets in the order they were taken - not the order of waiting") {
  async::testing::run([](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::TicketLock lock(ex);
    std::string order;
    auto first = lock.take();
    auto second = lock.take();
    auto third = lock.take();
    std::vector<async::Task> tasks = {
        [&]() -> asio::awaitable<void> {  // waits first, holds the last ticket
          co_await third.turn();
          order += '3';
          third.release();
        },
        [&]() -> asio::awaitable<void> {
          co_await second.turn();
          order += '2';
          co_await async::sleep_for(1ms);  // holds the lock across a suspension
          order += '2';
          second.release();
        },
        [&]() -> asio::awaitable<void> {
          co_await async::sleep_for(1ms);
          co_await first.turn();
          order += '1';
          first.release();
        },
    };
    co_await async::run_bounded(tasks);
    CHECK(order == "1223");
  });
}

TEST_CASE("A ticket dropped by an exception lets the next holder in") {
  async::testing::run([](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::TicketLock lock(ex);
    std::vector<async::Task> tasks = {
        [&]() -> asio::awaitable<void> {
          auto held = co_await lock.lock();
          throw std::runtime_error("boom");
        },
        [&]() -> asio::awaitable<void> { auto held = co_await lock.lock(); },
    };
    auto failures = co_await async::run_bounded(tasks);
    CHECK(failures[0] != nullptr);
    CHECK(failures[1] == nullptr);
  });
}

TEST_CASE("KeyedLock: one key at a time - different keys together") {
  async::testing::run([](asio::any_io_executor ex) -> asio::awaitable<void> {
    async::KeyedLock<std::string> locks(ex);
    std::map<std::string, int> inside;
    int most_a = 0, most_total = 0, total = 0;
    std::vector<async::Task> tasks;
    for (const char* key : {"a", "a", "a", "b", "c"}) {
      tasks.push_back([&, key = std::string(key)]() -> asio::awaitable<void> {
        auto ticket = locks.take(key);
        co_await ticket.turn();
        ++inside[key];
        most_a = std::max(most_a, inside["a"]);
        most_total = std::max(most_total, ++total);
        co_await async::sleep_for(2ms);
        --inside[key];
        --total;
      });
    }
    co_await async::run_bounded(tasks);
    CHECK(most_a == 1);
    CHECK(most_total == 3);  // a, b and c at once
  });
}

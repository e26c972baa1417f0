// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/retry_schedule.h"

#include <asio/experimental/awaitable_operators.hpp>

#include "async/async_test_support.h"
#include "support/catch.h"

using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;
using mdev::RetrySchedule;

TEST_CASE("RetrySchedule: pauses double up to the most; due keys are handed out once") {
  async::ManualTime time;
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    RetrySchedule retries(executor, async::Backoff{100ms, 300ms}, 1h);
    std::vector<std::string> handed;
    auto hand_out = [&]() -> asio::awaitable<void> {
      for (;;) {
        for (const auto& due : co_await retries.due())
          handed.push_back(due.key + " try " + std::to_string(due.attempt));
      }
    };
    auto check = [&]() -> asio::awaitable<void> {
      auto plan = retries.failed("vf");
      REQUIRE(plan);
      CHECK_FALSE(plan->gave_up);
      CHECK(plan->tries == 1);
      CHECK(plan->pause == 100ms);
      co_await async::testing::advance(99ms);
      CHECK(handed.empty());  // not before its pause is over
      co_await async::testing::advance(1ms);
      CHECK(handed == std::vector<std::string>{"vf try 2"});
      co_await async::testing::advance(10min);
      CHECK(handed.size() == 1);  // taken: not due again until it fails again
      CHECK(retries.failed("vf")->pause == 200ms);
      CHECK(retries.failed("vf")->pause == 300ms);
      CHECK(retries.failed("vf")->pause == 300ms);  // the most
      retries.forget("vf");
      co_await async::testing::advance(1s);
      CHECK(handed.size() == 1);
    };
    co_await (hand_out() || check());  // ends when the checks do
  });
}

TEST_CASE("RetrySchedule: gives up at the limit from the first failure; a limit of 0 is off") {
  async::ManualTime time;
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    RetrySchedule retries(executor, async::Backoff{50ms, 1s}, 300ms);
    CHECK(retries.failed("vf")->pause == 50ms);
    co_await async::testing::advance(200ms);
    // The last try is at the limit, not a pause later.
    CHECK(retries.failed("vf")->pause == 100ms);
    co_await async::testing::advance(100ms);
    auto plan = retries.failed("vf");
    CHECK(plan->gave_up);
    CHECK(plan->tries == 3);
    CHECK(retries.failed("vf")->tries == 1);  // a new start after giving up

    RetrySchedule off(executor, async::Backoff{50ms, 1s}, 0ms);
    CHECK_FALSE(off.failed("vf"));
  });
}

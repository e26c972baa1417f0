// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/poll_until.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <optional>
#include <vector>

#include "async/async_test_support.h"
#include "support/catch.h"

using namespace std::chrono_literals;
using async::Clock;

namespace {

// Polls on a ManualTime, moving the clock 1 ms at a time; returns what
// poll_until said, with the time of each ask since the start.
bool poll(size_t yes_at_ask, std::chrono::milliseconds limit, async::Backoff backoff,
          std::vector<Clock::duration>& asked) {
  std::optional<bool> said_yes;
  async::testing::run([&](asio::any_io_executor executor) -> asio::awaitable<void> {
    const auto start = Clock::now();
    asio::co_spawn(
        executor,
        [&]() -> asio::awaitable<void> {
          said_yes = co_await async::poll_until(
              [&] {
                asked.push_back(Clock::now() - start);
                return asked.size() == yes_at_ask;
              },
              limit, backoff);
        },
        asio::detached);
    while (!said_yes) co_await async::testing::advance(1ms);
  });
  return *said_yes;
}

}  // namespace

TEST_CASE("poll_until: asks at once, then after pauses that double up to the most") {
  async::ManualTime time;
  std::vector<Clock::duration> asked;
  CHECK(poll(6, 10s, async::Backoff{2ms, 8ms}, asked));
  // At once, then after pauses of 2, 4, 8, 8 and 8 ms.
  const std::vector<Clock::duration> expected{0ms, 2ms, 6ms, 14ms, 22ms, 30ms};
  CHECK(asked == expected);
}

TEST_CASE("poll_until: says no once the limit has passed - with a last ask at the limit") {
  async::ManualTime time;
  std::vector<Clock::duration> asked;
  CHECK_FALSE(poll(0, 30ms, async::Backoff{20ms, 1s}, asked));
  // At 0, at 20 ms, at the limit (30 ms), not a second later.
  const std::vector<Clock::duration> expected{0ms, 20ms, 30ms};
  CHECK(asked == expected);
}

#include "async/poll_until.h"

#include <vector>

#include "async/async_test_support.h"
#include "support/catch.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST_CASE("poll_until: asks at once, then after pauses that double up to the most") {
  std::vector<Clock::duration> asked;
  bool said_yes = false;
  async::testing::run([&](auto) -> asio::awaitable<void> {
    const auto start = Clock::now();
    said_yes = co_await async::poll_until(
        [&] {
          asked.push_back(Clock::now() - start);
          return asked.size() == 6;
        },
        10s, async::Backoff{2ms, 8ms});
  });
  CHECK(said_yes);
  REQUIRE(asked.size() == 6);
  CHECK(asked[0] < 2ms);
  // Pauses of at least 2, 4, 8, 8, 8 ms: the asks are that far apart at least.
  const std::vector<Clock::duration> least{2ms, 4ms, 8ms, 8ms, 8ms};
  for (size_t i = 0; i < least.size(); ++i) CHECK(asked[i + 1] - asked[i] >= least[i]);
}

TEST_CASE("poll_until: says no once the limit has passed - with a last ask at the limit") {
  int asks = 0;
  bool said_yes = true;
  Clock::duration took{};
  async::testing::run([&](auto) -> asio::awaitable<void> {
    const auto start = Clock::now();
    said_yes =
        co_await async::poll_until([&] { return ++asks < 0; }, 30ms, async::Backoff{20ms, 1s});
    took = Clock::now() - start;
  });
  CHECK_FALSE(said_yes);
  CHECK(asks == 3);  // at 0, at 20 ms, at the limit (30 ms), not a second later
  CHECK(took >= 30ms);
  CHECK(took < 900ms);
}

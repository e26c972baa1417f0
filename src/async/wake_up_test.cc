#include "async/wake_up.h"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include "async/async_test_support.h"
#include "async/sleep.h"
#include "support/catch.h"

using namespace std::chrono_literals;

TEST_CASE("A wake-up coalesces: many notifies before a wait wake it once") {
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    async::WakeUp wake(executor);
    int wakes = 0;
    bool done = false;
    auto waiter = [&]() -> asio::awaitable<void> {
      while (!done) {
        co_await wake.wait();
        ++wakes;
      }
    };
    asio::co_spawn(executor, waiter(), asio::detached);
    co_await async::sleep_for(1ms);
    CHECK(wakes == 0);  // nothing notified: it waits
    wake.notify();
    wake.notify();
    wake.notify();
    co_await async::sleep_for(5ms);
    CHECK(wakes == 1);
    done = true;
    wake.notify();  // a notify while it waits wakes it again
    co_await async::sleep_for(5ms);
    CHECK(wakes == 2);
  });
}

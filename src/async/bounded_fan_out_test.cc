#include "async/bounded_fan_out.h"

#include <stdexcept>

#include "async/async_test_support.h"
#include "async/deadline.h"
#include "support/catch.h"

using namespace std::chrono_literals;

TEST_CASE("A bounded fan-out runs every task - never more than the limit at once") {
  async::testing::run([](asio::any_io_executor) -> asio::awaitable<void> {
    int running = 0, most = 0, done = 0;
    std::vector<async::Task> tasks(20, [&]() -> asio::awaitable<void> {
      most = std::max(most, ++running);
      co_await async::sleep_for(1ms);
      --running;
      ++done;
    });
    auto failures = co_await async::run_bounded(tasks, 4);
    CHECK(done == 20);
    CHECK(most == 4);
    CHECK(failures.size() == 20);
  });
}

TEST_CASE("Each task's exception is reported at its index") {
  async::testing::run([](asio::any_io_executor) -> asio::awaitable<void> {
    std::vector<async::Task> tasks;
    for (int i = 0; i < 5; ++i) {
      tasks.push_back([i]() -> asio::awaitable<void> {
        co_await async::sleep_for(1ms);
        if (i % 2) throw std::runtime_error("task " + std::to_string(i));
      });
    }
    auto failures = co_await async::run_bounded(tasks, 2);
    CHECK(failures[0] == nullptr);
    CHECK_THROWS_WITH(std::rethrow_exception(failures[1]), "task 1");
    CHECK(failures[2] == nullptr);
    CHECK_THROWS_WITH(std::rethrow_exception(failures[3]), "task 3");
  });
}

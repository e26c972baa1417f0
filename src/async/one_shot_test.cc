#include "async/one_shot.h"

#include <asio/post.hpp>

#include "async/async_test_support.h"
#include "async/sleep.h"
#include "support/catch.h"

using namespace std::chrono_literals;

TEST_CASE("A one-shot set within its deadline is seen at once") {
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    auto done = async::OneShot::make(executor);
    asio::post(executor, [done] { done->set(); });
    auto started = std::chrono::steady_clock::now();
    CHECK(co_await done->wait_for(10s));
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(done->is_set());
    CHECK(co_await done->wait_for(0s));  // stays set
  });
}

TEST_CASE(
    "A one-shot not set in time: the wait ends at the deadline, and a late set harms nothing") {
  async::testing::run([](asio::any_io_executor executor) -> asio::awaitable<void> {
    auto done = async::OneShot::make(executor);
    auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(co_await done->wait_for(5ms));
    auto waited = std::chrono::steady_clock::now() - started;
    CHECK(waited >= 5ms);
    CHECK(waited < 5s);
    done->set();
    co_await async::sleep_for(5ms);  // the cancelled timer's handler runs after the wait
    CHECK(done->is_set());
  });
}

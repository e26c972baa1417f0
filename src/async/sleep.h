#pragma once
// Waiting a while. Deadlines on a wait are OneShot::wait_for (one_shot.h);
// asking again until something holds is poll_until (poll_until.h).
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>

namespace async {

inline asio::awaitable<void> sleep_for(std::chrono::steady_clock::duration delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace async

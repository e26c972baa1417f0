#include "engine/deadline.h"

#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace mdev {

asio::awaitable<bool> wait_until(std::function<bool()> ready, std::chrono::milliseconds limit) {
  auto executor = co_await asio::this_coro::executor;
  auto give_up = std::chrono::steady_clock::now() + limit;
  asio::steady_timer timer(executor);
  for (;;) {
    if (ready()) co_return true;
    if (std::chrono::steady_clock::now() >= give_up) co_return false;
    timer.expires_after(std::chrono::milliseconds(5));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace mdev

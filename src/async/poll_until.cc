#include "async/poll_until.h"

#include <algorithm>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace async {

asio::awaitable<bool> poll_until(std::function<bool()> ready, std::chrono::milliseconds limit,
                                 Backoff backoff) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  std::chrono::steady_clock::duration pause = backoff.first;
  for (;;) {
    if (ready()) co_return true;
    auto now = std::chrono::steady_clock::now();
    if (now >= give_up) co_return false;
    timer.expires_after(std::min(pause, give_up - now));
    co_await timer.async_wait(asio::use_awaitable);
    pause = std::min<std::chrono::steady_clock::duration>(pause * 2, backoff.most);
  }
}

}  // namespace async

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/poll_until.h"

#include <algorithm>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace async {

asio::awaitable<bool> poll_until(std::function<bool()> ready, std::chrono::milliseconds limit,
                                 Backoff backoff) {
  std::function<asio::awaitable<bool>()> asked = [&ready]() -> asio::awaitable<bool> {
    co_return ready();
  };
  co_return co_await poll_until(std::move(asked), limit, backoff);
}

asio::awaitable<bool> poll_until(std::function<asio::awaitable<bool>()> ready,
                                 std::chrono::milliseconds limit, Backoff backoff) {
  const auto give_up = Clock::now() + limit;
  Timer timer(co_await asio::this_coro::executor);
  Clock::duration pause = backoff.first;
  for (;;) {
    if (co_await ready()) co_return true;
    auto now = Clock::now();
    if (now >= give_up) co_return false;
    timer.expires_after(std::min(pause, give_up - now));
    co_await timer.async_wait(asio::use_awaitable);
    pause = std::min<Clock::duration>(pause * 2, backoff.most);
  }
}

}  // namespace async

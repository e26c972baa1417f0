// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Waiting a while on the Clock. A deadline on a wait is Event::wait_for
// (signal.h); asking again until something holds is poll_until (poll_until.h).
#include <asio/awaitable.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include "async/clock.h"

namespace async {

inline asio::awaitable<void> sleep_for(Clock::duration delay) {
  Timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace async

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/slots.h"

#include <asio/post.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace async {

asio::awaitable<void> Slots::take() {
  co_await channel_.async_send(std::error_code{}, true, asio::use_awaitable);
  // A waiting send may complete inside give_back()'s receive: step out of it.
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
}

void Slots::give_back() {
  channel_.try_receive([](std::error_code, bool) {});
}

}  // namespace async

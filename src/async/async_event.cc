#include "async/async_event.h"

#include <asio/post.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace async {

void AsyncEvent::set() {
  if (set_) return;
  set_ = true;
  channel_.try_send(std::error_code{}, true);
}

asio::awaitable<void> AsyncEvent::wait() {
  if (set_) co_return;
  co_await channel_.async_receive(asio::use_awaitable);
  // The receive may resume us inside set()'s try_send: step out of it before
  // touching the channel again.
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  channel_.try_send(std::error_code{}, true);  // on to the next waiter
}

}  // namespace async

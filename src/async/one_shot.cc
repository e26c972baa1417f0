#include "async/one_shot.h"

#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "async/no_throw.h"

namespace async {

void OneShot::set() {
  if (set_) return;
  set_ = true;
  channel_.try_send(std::error_code{}, true);
}

asio::awaitable<bool> OneShot::wait_for(std::chrono::steady_clock::duration limit) {
  if (set_) co_return true;
  asio::steady_timer deadline(executor_, limit);
  // The handler keeps this alive: it may run after the wait is over.
  deadline.async_wait([self = shared_from_this()](std::error_code ec) {
    if (!ec && !self->set_) self->channel_.cancel();
  });
  auto [ec, ignored] = co_await channel_.async_receive(kNoThrow);
  deadline.cancel();
  co_return !ec;
}

}  // namespace async

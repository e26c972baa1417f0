#include "async/wake_up.h"

#include <asio/use_awaitable.hpp>

namespace async {

asio::awaitable<void> WakeUp::wait() {
  co_await channel_.async_receive(asio::use_awaitable);
  pending_ = false;  // notify() from here on wakes it again
}

}  // namespace async

#pragma once
// A coalescing wake-up: notify() any number of times, and the one waiter
// wakes once for all of them. For a loop that drains a queue of work
// (the monitor's autostart passes); not a timer used as an event.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/channel.hpp>
#include <system_error>

namespace async {

class WakeUp {
 public:
  explicit WakeUp(asio::any_io_executor executor) : channel_(std::move(executor), 1) {}

  void notify() {
    if (pending_) return;  // the waiter has not woken for the last one yet
    pending_ = true;
    channel_.try_send(std::error_code{}, true);
  }
  // Returns at once when notify() came since the last wait.
  asio::awaitable<void> wait();

 private:
  // Two arguments: Asio 1.22 cannot tell its channel traits apart for void(error_code).
  asio::experimental::channel<void(std::error_code, bool)> channel_;
  bool pending_ = false;
};

}  // namespace async

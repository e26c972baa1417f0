#pragma once
// A one-shot event: coroutines wait until it is set, and once set it stays
// set. The wake-up is a message on a size-1 channel, passed from waiter to
// waiter, not a timer used as an event.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/channel.hpp>
#include <system_error>

namespace async {

class AsyncEvent {
 public:
  explicit AsyncEvent(asio::any_io_executor executor) : channel_(std::move(executor), 1) {}

  void set();
  bool is_set() const { return set_; }
  asio::awaitable<void> wait();

 private:
  // Two arguments: Asio 1.22 cannot tell its channel traits apart for void(error_code).
  asio::experimental::channel<void(std::error_code, bool)> channel_;
  bool set_ = false;
};

}  // namespace async

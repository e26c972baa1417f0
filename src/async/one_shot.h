#pragma once
// A completion that arrives once, awaited by one coroutine with a deadline.
// AsyncEvent is its sibling for any number of waiters without a deadline;
// this one is shared (make()) because the deadline's timer handler may run
// after the wait is over and must find it alive. The deadline is a
// timer that cancels the wait, not `work || timer`: Asio's awaitable
// operators put some 400 KB of code into every process that runs them, more
// than a thousand waiting devices cost.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/channel.hpp>
#include <chrono>
#include <memory>
#include <system_error>

namespace async {

class OneShot : public std::enable_shared_from_this<OneShot> {
 public:
  static std::shared_ptr<OneShot> make(asio::any_io_executor executor) {
    return std::shared_ptr<OneShot>(new OneShot(std::move(executor)));
  }

  // On the executor's thread.
  void set();
  bool is_set() const { return set_; }
  // True when set() came within `limit`.
  asio::awaitable<bool> wait_for(std::chrono::steady_clock::duration limit);
  const asio::any_io_executor& executor() const { return executor_; }

 private:
  explicit OneShot(asio::any_io_executor executor)
      : executor_(executor), channel_(std::move(executor), 1) {}

  asio::any_io_executor executor_;
  // Two arguments: Asio 1.22 cannot tell its channel traits apart for void(error_code).
  asio::experimental::channel<void(std::error_code, bool)> channel_;
  bool set_ = false;
};

}  // namespace async

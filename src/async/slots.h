// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// At most `count` holders at once; the others wait, in the order they came.
// The slots are the room in a channel's buffer: taking one is a send, which
// waits while the buffer is full, and giving it back is a receive.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/channel.hpp>
#include <cstddef>
#include <system_error>

namespace async {

class Slots {
 public:
  Slots(asio::any_io_executor executor, size_t count) : channel_(std::move(executor), count) {}

  asio::awaitable<void> take();
  void give_back();

 private:
  // Two arguments: Asio 1.22 cannot tell its channel traits apart for void(error_code).
  asio::experimental::channel<void(std::error_code, bool)> channel_;
};

}  // namespace async

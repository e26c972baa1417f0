// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Until a child process has written a file: it runs on real time, so this
// polls on real time (every 5 ms, 10 s at most), never on async::Clock.
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>
#include <string>

#include "support/temp_dir.h"

inline asio::awaitable<bool> file_written(const TempDir& tmp, const std::string& name) {
  asio::steady_timer pause(co_await asio::this_coro::executor);
  for (int i = 0; i < 2000; ++i) {
    if (!tmp.read(name).empty()) co_return true;
    pause.expires_after(std::chrono::milliseconds(5));
    co_await pause.async_wait(asio::use_awaitable);
  }
  co_return false;
}

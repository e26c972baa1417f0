// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// For the tests of code that waits: run a test coroutine on a fresh loop,
// and, under an async::ManualTime, move time on without sleeping.
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <exception>

#include "async/clock.h"

namespace async::testing {

// Runs the coroutine `make(executor)` returns to the end; rethrows its exception.
template <typename Make>
void run(Make make) {
  asio::io_context io;
  std::exception_ptr failure;
  asio::co_spawn(io, make(io.get_executor()), [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
}

// Lets whatever can run on this loop run: a fixed number of turns, each one
// a full round of the handlers ready then. Only in-loop work: a child's exit
// or a worker thread's result is awaited, not settled.
inline asio::awaitable<void> settle(int turns = 64) {
  auto executor = co_await asio::this_coro::executor;
  for (int i = 0; i < turns; ++i) co_await asio::post(executor, asio::use_awaitable);
}

// Under a ManualTime: settles (so that a wait about to begin has set its
// timer from the time before), moves the clock on by `step`, makes the loop
// look at its timers (a timer due at the clock's epoch is always the
// earliest, and adding the earliest makes Asio re-arm its wait), and
// settles again.
inline asio::awaitable<void> advance(Clock::duration step) {
  co_await settle();
  ManualTime::advance(step);
  Timer nudge(co_await asio::this_coro::executor, Clock::time_point{});
  co_await nudge.async_wait(asio::use_awaitable);
  co_await settle();
}

}  // namespace async::testing

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The one way a coroutine waits for something that happens (not for time):
// a call done on a worker thread, a child that exited, a stop, work queued.
// Two modes:
//  - kStays: once set it stays set, and every wait, now or later, returns.
//  - kCoalesces: set() any number of times, and the next wait returns once
//    for all of them; for a loop that drains a queue of work.
// wait_for() adds a deadline on the Clock. Copies are the same event, so a
// worker thread can hold one and post_set() it.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <memory>

#include "async/clock.h"

namespace async {

class Event {
 public:
  enum class Mode { kStays, kCoalesces };

  explicit Event(asio::any_io_executor executor, Mode mode = Mode::kStays);

  // On the executor's thread.
  void set();
  // From any thread: set() runs on the executor's thread, soon. The posted
  // handler keeps what it sets alive, whoever lets go of their copies.
  void post_set() const;
  // kStays: set for good; kCoalesces: set since the last wait returned.
  bool is_set() const;
  asio::awaitable<void> wait();
  // True when it was set within `limit`.
  asio::awaitable<bool> wait_for(Clock::duration limit);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace async

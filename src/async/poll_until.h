// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The one poller, for what gives no wake-up to await: a type directory the
// driver has yet to make, a device directory after `create`, a flock(2)
// another process holds, a vGPU that its VM still holds.
#include <asio/awaitable.hpp>
#include <chrono>
#include <functional>

#include "async/clock.h"

namespace async {

// Pauses between two asks: from `first`, doubling, up to `most`.
struct Backoff {
  std::chrono::milliseconds first;
  std::chrono::milliseconds most;
};

// Asks `ready` until it says yes or `limit` has passed since the first ask
// (which is made at once) on the Clock; returns whether it said yes. The last ask is made
// at the limit, not a pause before it.
asio::awaitable<bool> poll_until(std::function<bool()> ready, std::chrono::milliseconds limit,
                                 Backoff backoff);
// The same for a question that has to await its answer (a kernel write).
asio::awaitable<bool> poll_until(std::function<asio::awaitable<bool>()> ready,
                                 std::chrono::milliseconds limit, Backoff backoff);

}  // namespace async

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/lock_wait.h"

#include <functional>

#include "async/poll_until.h"
#include "model/duration_text.h"
#include "model/error.h"

namespace mdev {

using namespace std::chrono_literals;

asio::awaitable<std::unique_ptr<RunLock>> wait_for_run_lock(const Root& root, std::string name,
                                                            std::string what,
                                                            std::chrono::milliseconds limit) {
  std::unique_ptr<RunLock> lock;
  std::string holder;
  std::function<bool()> acquired = [&] {
    lock = RunLock::try_acquire(root, name, &holder);
    return lock != nullptr;
  };
  // flock(2) has no wake-up to await: pauses from 1 ms to 50 ms are cheap
  // for a lock held for milliseconds.
  if (co_await async::poll_until(acquired, limit, async::Backoff{1ms, 50ms})) co_return lock;
  throw Error("waited " + seconds_text(limit) + " for " + what + ", held by " +
              (holder.empty() ? "another process" : holder));
}

asio::awaitable<std::unique_ptr<RunLock>> lock_definitions(const Context& ctx) {
  return wait_for_run_lock(ctx.root, "definitions", "the lock on the definitions",
                           ctx.options.definitions_lock_wait);
}

}  // namespace mdev

#include "engine/run_locks.h"

#include <algorithm>

#include "async/deadline.h"
#include "model/duration_text.h"
#include "model/error.h"

namespace mdev {

asio::awaitable<std::unique_ptr<RunLock>> wait_for_run_lock(const Root& root, std::string name,
                                                            std::string what,
                                                            std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  // flock(2) has no wake-up to await: try again after a pause that grows
  // from 1 ms to 50 ms, cheap for a lock held for milliseconds.
  std::chrono::milliseconds pause{1};
  for (;;) {
    std::string holder;
    if (auto lock = RunLock::try_acquire(root, name, &holder)) co_return lock;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error("waited " + seconds_text(limit) + " for " + what + ", held by " +
                  (holder.empty() ? "another process" : holder));
    }
    co_await async::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

asio::awaitable<std::unique_ptr<RunLock>> lock_definitions(const Context& ctx) {
  return wait_for_run_lock(ctx.root, "definitions", "the lock on the definitions",
                           ctx.options.definitions_lock_wait);
}

}  // namespace mdev

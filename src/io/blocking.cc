// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/blocking.h"

#include <asio/this_coro.hpp>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

#include "async/event.h"
#include "io/worker_threads.h"
#include "model/duration_text.h"
#include "model/error.h"

namespace mdev {
namespace {

// One call on a worker thread, shared with that thread, which may outlive
// the awaiting coroutine and even the loop. So it holds no Asio object when
// the worker lets go of it: the worker lets go of `done` once it has posted
// its set(), and a coroutine that gives up (`abandoned`) takes it back first.
struct PendingCall {
  std::mutex mutex;
  bool abandoned = false;
  std::optional<async::Event> done;
  std::exception_ptr failure;  // stored before `done` is posted
};

std::shared_ptr<PendingCall> start_call(WorkerThreads& workers, const async::Event& done,
                                        std::function<void()> call) {
  auto pending = std::make_shared<PendingCall>();
  pending->done = done;
  workers.post([pending, call = std::move(call)] {
    // Queued behind calls that hang, it may reach a thread only after its
    // caller gave up and reported it failed: a write made then would be a
    // device created after mdevctl said its create failed.
    {
      std::lock_guard lock(pending->mutex);
      if (pending->abandoned) return;
    }
    std::exception_ptr failure;
    try {
      call();
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(pending->mutex);
    if (pending->abandoned) return;
    // Still awaited: the loop is alive until this post has returned, since
    // the coroutine takes the mutex before it gives up. Moved, not copied:
    // from here on only the loop's thread touches the exception.
    pending->failure = std::move(failure);
    pending->done->post_set();
    pending->done.reset();
  });
  return pending;
}

// Whichever way the awaiting frame ends (the deadline, or its loop torn
// down around it), the call is given up first: nothing posts to a loop that
// no longer waits for it.
class GiveUpOnExit {
 public:
  explicit GiveUpOnExit(std::shared_ptr<PendingCall> pending) : pending_(std::move(pending)) {}
  ~GiveUpOnExit() {
    std::lock_guard lock(pending_->mutex);
    pending_->abandoned = true;
    pending_->done.reset();
  }
  GiveUpOnExit(const GiveUpOnExit&) = delete;
  GiveUpOnExit& operator=(const GiveUpOnExit&) = delete;

 private:
  std::shared_ptr<PendingCall> pending_;
};

}  // namespace

asio::awaitable<void> run_on_io_threads(WorkerThreads& workers, std::function<void()> call,
                                        std::chrono::milliseconds limit, std::string what) {
  async::Event done(co_await asio::this_coro::executor);
  auto pending = start_call(workers, done, std::move(call));
  GiveUpOnExit give_up(pending);
  if (!co_await done.wait_for(limit))
    throw Error(what + " did not finish within " + seconds_text(limit));
  if (pending->failure) std::rethrow_exception(std::move(pending->failure));
}

}  // namespace mdev

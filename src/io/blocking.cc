#include "io/blocking.h"

#include <asio/post.hpp>
#include <asio/this_coro.hpp>
#include <exception>
#include <memory>
#include <mutex>

#include "async/one_shot.h"
#include "io/worker_threads.h"
#include "model/duration_text.h"
#include "model/error.h"

namespace mdev {
namespace {

// One call on a worker thread, shared with that thread, which may outlive
// the awaiting coroutine and even the loop. So it holds no Asio object when
// the worker lets go of it: the worker moves `done` out into its post to the
// loop, and a coroutine that gives up (`abandoned`) takes it back first.
struct PendingCall {
  std::mutex mutex;
  bool abandoned = false;
  std::shared_ptr<async::OneShot> done;  // set on the loop's thread
  std::exception_ptr failure;            // moved there before `done` is set
};

std::shared_ptr<PendingCall> start_call(const std::shared_ptr<async::OneShot>& done,
                                        std::function<void()> call) {
  auto pending = std::make_shared<PendingCall>();
  pending->done = done;
  run_on_worker_thread([pending, call = std::move(call)] {
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
    // every reference to the exception is then on the loop's thread.
    auto done = std::move(pending->done);
    auto executor = done->executor();
    asio::post(executor, [pending, done = std::move(done), failure = std::move(failure)]() mutable {
      pending->failure = std::move(failure);
      done->set();
    });
  });
  return pending;
}

}  // namespace

asio::awaitable<void> run_on_io_threads(std::function<void()> call, std::chrono::milliseconds limit,
                                        std::string what) {
  auto done = async::OneShot::make(co_await asio::this_coro::executor);
  auto pending = start_call(done, std::move(call));
  if (!co_await done->wait_for(limit)) {
    std::lock_guard lock(pending->mutex);
    pending->abandoned = true;
    pending->done.reset();
    throw Error(what + " did not finish within " + seconds_text(limit));
  }
  if (pending->failure) std::rethrow_exception(std::move(pending->failure));
}

}  // namespace mdev

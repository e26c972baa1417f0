#include "io/blocking.h"

#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_awaitable.hpp>
#include <exception>
#include <memory>
#include <mutex>

#include "model/duration_text.h"
#include "model/error.h"

namespace mdev {
namespace {

asio::thread_pool& io_threads() {
  // Never destroyed: a call still blocked at exit must not hold the process
  // up. Four: parents write in parallel, and one stuck driver must not stop
  // the others.
  static auto* pool = new asio::thread_pool(4);
  return *pool;
}

// Shared between the coroutine and the pool thread, which may outlive it and
// even the event loop: so it holds no Asio object (a timer destroyed on the
// pool thread after the loop is gone would touch freed memory).
struct PendingCall {
  std::mutex mutex;
  bool finished = false;
  bool abandoned = false;
  std::exception_ptr failure;
  // The coroutine's timer while it waits; null once it has stopped waiting.
  asio::steady_timer* wake = nullptr;
};

}  // namespace

asio::awaitable<void> run_on_io_threads(std::function<void()> call) {
  // Named, not a temporary: g++ 12 destroys temporaries of a co_await twice.
  auto on_pool = [&call]() -> asio::awaitable<void> {
    call();
    co_return;
  };
  co_await asio::co_spawn(io_threads(), on_pool, asio::use_awaitable);
}

asio::awaitable<void> run_on_io_threads(std::function<void()> call, std::chrono::milliseconds limit,
                                        std::string what) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer wake(executor, limit);
  auto state = std::make_shared<PendingCall>();
  state->wake = &wake;
  asio::post(io_threads(), [state, call = std::move(call), executor] {
    std::exception_ptr failure;
    try {
      call();
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(state->mutex);
    if (state->abandoned) return;  // the command has moved on; its loop may be gone
    state->finished = true;
    // Moved, not copied: every reference to the exception is then on the
    // loop's thread (its count lives in libstdc++, unseen by TSan).
    state->failure = std::move(failure);
    // Still waiting: the loop is alive until this post has returned, since
    // the coroutine takes the mutex before it goes on.
    asio::post(executor, [state] {
      std::lock_guard lock(state->mutex);
      if (state->wake) state->wake->cancel();
    });
  });

  co_await wake.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
  std::lock_guard lock(state->mutex);
  state->wake = nullptr;
  if (!state->finished) {
    state->abandoned = true;
    throw Error(what + " did not finish within " + seconds_text(limit));
  }
  if (state->failure) {
    std::exception_ptr failure = std::move(state->failure);
    std::rethrow_exception(failure);
  }
}

}  // namespace mdev

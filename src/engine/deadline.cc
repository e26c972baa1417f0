#include "engine/deadline.h"

#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "model/error.h"

namespace mdev {

using namespace asio::experimental::awaitable_operators;

asio::awaitable<bool> wait_until(std::function<bool()> ready, std::chrono::milliseconds limit) {
  auto executor = co_await asio::this_coro::executor;
  auto give_up = std::chrono::steady_clock::now() + limit;
  asio::steady_timer timer(executor);
  for (;;) {
    if (ready()) co_return true;
    if (std::chrono::steady_clock::now() >= give_up) co_return false;
    timer.expires_after(std::chrono::milliseconds(5));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

namespace {

// Shared between the coroutine and the worker thread, which may outlive it.
struct BlockingCall {
  std::mutex mutex;
  bool abandoned = false;
  std::exception_ptr failure;
  asio::steady_timer done;
  explicit BlockingCall(asio::any_io_executor executor) : done(executor) {
    done.expires_at(asio::steady_timer::time_point::max());
  }
};

}  // namespace

asio::awaitable<void> run_blocking_call(std::function<void()> call,
                                        std::chrono::milliseconds limit, std::string what) {
  auto executor = co_await asio::this_coro::executor;
  auto state = std::make_shared<BlockingCall>(executor);
  std::thread([state, call = std::move(call), executor] {
    std::exception_ptr failure;
    try {
      call();
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(state->mutex);
    if (state->abandoned) return;  // the command has moved on; its executor may be gone
    state->failure = failure;
    asio::post(executor, [state] { state->done.cancel(); });
  }).detach();

  asio::steady_timer deadline(executor, limit);
  auto wait_done = state->done.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
  auto wait_deadline = deadline.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
  auto winner = co_await (std::move(wait_done) || std::move(wait_deadline));
  if (winner.index() == 1) {
    std::lock_guard lock(state->mutex);
    state->abandoned = true;
    throw Error(what + " did not finish within " + std::to_string(limit.count() / 1000) + " s");
  }
  if (state->failure) std::rethrow_exception(state->failure);
}

}  // namespace mdev

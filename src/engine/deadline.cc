#include "engine/deadline.h"

#include <asio/experimental/as_tuple.hpp>
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

std::string seconds_text(std::chrono::milliseconds limit) {
  std::string text = std::to_string(limit.count() / 1000);
  if (auto ms = limit.count() % 1000) text += "." + std::to_string(1000 + ms).substr(1);
  return text + " s";
}

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
  bool finished = false;
  bool abandoned = false;
  std::exception_ptr failure;
  // Expires at the deadline; the worker cancels it early when the call returns.
  asio::steady_timer wake;
  explicit BlockingCall(asio::any_io_executor executor) : wake(executor) {}
};

}  // namespace

asio::awaitable<void> run_blocking_call(std::function<void()> call,
                                        std::chrono::milliseconds limit, std::string what) {
  auto executor = co_await asio::this_coro::executor;
  auto state = std::make_shared<BlockingCall>(executor);
  state->wake.expires_after(limit);
  std::thread([state, call = std::move(call), executor] {
    std::exception_ptr failure;
    try {
      call();
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(state->mutex);
    if (state->abandoned) return;  // the command has moved on; its executor may be gone
    state->finished = true;
    state->failure = failure;
    asio::post(executor, [state] { state->wake.cancel(); });
  }).detach();

  co_await state->wake.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
  std::lock_guard lock(state->mutex);
  if (!state->finished) {
    state->abandoned = true;
    throw Error(what + " did not finish within " + seconds_text(limit));
  }
  if (state->failure) std::rethrow_exception(state->failure);
}

}  // namespace mdev

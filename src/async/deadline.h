#pragma once
// A deadline as an awaitable combined with the work, `work || timer`: when
// the timer wins, the work is cancelled and DeadlineExceeded is thrown.
#include <asio/awaitable.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>
#include <stdexcept>
#include <variant>

namespace async {

class DeadlineExceeded : public std::runtime_error {
 public:
  DeadlineExceeded() : std::runtime_error("deadline exceeded") {}
};

inline asio::awaitable<void> sleep_for(std::chrono::steady_clock::duration delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

template <typename T>
asio::awaitable<T> with_deadline(asio::awaitable<T> work,
                                 std::chrono::steady_clock::duration limit) {
  using namespace asio::experimental::awaitable_operators;
  auto outcome = co_await (std::move(work) || sleep_for(limit));
  if (outcome.index() == 1) throw DeadlineExceeded();
  if constexpr (!std::is_void_v<T>) co_return std::move(std::get<0>(outcome));
}

}  // namespace async

#include "io/blocking.h"

#include <asio/co_spawn.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_awaitable.hpp>

namespace mdev {
namespace {

asio::thread_pool& io_threads() {
  // Never destroyed: a call still blocked at exit must not hold the process up.
  static auto* pool = new asio::thread_pool(2);
  return *pool;
}

}  // namespace

asio::awaitable<void> run_on_io_threads(std::function<void()> call) {
  // Named, not a temporary: g++ 12 destroys temporaries of a co_await twice.
  auto on_pool = [&call]() -> asio::awaitable<void> {
    call();
    co_return;
  };
  co_await asio::co_spawn(io_threads(), on_pool, asio::use_awaitable);
}

}  // namespace mdev

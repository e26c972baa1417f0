#pragma once
// Calls that may block in the kernel (a flock another process holds) run on
// a small thread pool owned by io, never on the event loop's thread; the
// awaiting coroutine resumes on its own executor with the call's result or
// exception.
#include <asio/awaitable.hpp>
#include <functional>

namespace mdev {

asio::awaitable<void> run_on_io_threads(std::function<void()> call);

}  // namespace mdev

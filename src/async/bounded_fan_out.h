#pragma once
// Runs tasks on the current executor, at most `limit` at a time, in list
// order, and returns when all have finished: each task's exception (or null)
// at its index, never swallowed.
#include <asio/awaitable.hpp>
#include <cstdint>
#include <exception>
#include <functional>
#include <vector>

namespace async {

using Task = std::function<asio::awaitable<void>()>;

asio::awaitable<std::vector<std::exception_ptr>> run_bounded(const std::vector<Task>& tasks,
                                                             size_t limit = SIZE_MAX);

}  // namespace async

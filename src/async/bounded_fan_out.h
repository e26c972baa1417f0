// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Runs tasks on the current executor, at most `limit` at a time, in list
// order, and returns when all have finished. A task that fails fails the
// fan-out: once every task has run, the first failure in list order is
// rethrown. A task whose failure is only its own (one device of many)
// catches it itself and says so where it belongs.
#include <asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <vector>

namespace async {

using Task = std::function<asio::awaitable<void>()>;

// nodiscard: a fan-out that is not awaited runs nothing.
[[nodiscard]] asio::awaitable<void> run_bounded(const std::vector<Task>& tasks,
                                                size_t limit = SIZE_MAX);

}  // namespace async

#pragma once
#include <asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <vector>

namespace mdev {

using Task = std::function<asio::awaitable<void>()>;

// Runs the tasks on the current executor, at most `limit` at a time, and
// returns when all have finished (Debian 12's Asio has no ranged
// parallel_group). Exceptions from the tasks are dropped: tasks report their
// own failures.
asio::awaitable<void> run_concurrently(const std::vector<Task>& tasks, size_t limit = SIZE_MAX);

}  // namespace mdev
